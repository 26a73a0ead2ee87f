import { describe, expect, it } from 'vitest';
import { porterStem } from './porter.js';

describe('NLTK 3.8 Porter stemmer (NLTK_EXTENSIONS)', () => {
  it('matches the NLTK stem howto examples', () => {
    const words = 'caresses flies dies mules denied died agreed owned humbled sized meeting stating siezing itemization sensational traditional reference colonizer plotted';
    expect(words.split(' ').map(porterStem).join(' ')).toBe(
      'caress fli die mule deni die agre own humbl size meet state siez item sensat tradit refer colon plot',
    );
  });

  it('uses the irregular forms and leaves two-letter words alone', () => {
    expect(['dying', 'skies', 'news', 'is', 'as'].map(porterStem)).toEqual(['die', 'sky', 'news', 'is', 'as']);
  });
});
