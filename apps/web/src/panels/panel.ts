/**
 * One task on the page. Panels are independent: a new task (e.g. captioning, once a caption model
 * is shipped) is one more file here and one line in main.ts.
 */
export interface Panel {
  id: string;
  title: string;
  element: HTMLElement;
}

export interface PanelContext {
  /** The page's URL, against which models/<app>/ is resolved. */
  base: string;
}
