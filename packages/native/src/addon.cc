// @seq2seq/native: CBLAS (OpenBLAS) sgemm on Float32Array views of the wasm backend's heap.
//
// Every call takes the heap as a Float32Array (the caller re-derives it per call: wasm memory
// growth detaches old views) and element offsets into it; the addon checks every range against
// the view's length before touching memory, so a bad offset is a JS exception, never a stray write.
#include <napi.h>

#include <cblas.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

// Thread policy: products under `g_min_flops_threaded` FLOPs run on one OpenBLAS thread, larger
// ones on `g_max_threads`. The setting is global in OpenBLAS, so it is only changed when needed.
int g_max_threads = 1;
double g_min_flops_threaded = 4e6;
int g_current_threads = -1;

void UseThreads(int n) {
#ifdef SEQ2SEQ_OPENBLAS
  if (n != g_current_threads) {
    openblas_set_num_threads(n);
    g_current_threads = n;
  }
#else
  (void)n;
#endif
}

enum Activation { kLinear = 0, kRelu = 1, kRelu6 = 2, kSigmoid = 3, kLeakyRelu = 4, kElu = 5 };

void Activate(float* c, int64_t n, int act, float alpha) {
  switch (act) {
    case kRelu:
      for (int64_t i = 0; i < n; i++) c[i] = c[i] < 0.f ? 0.f : c[i];
      break;
    case kRelu6:
      for (int64_t i = 0; i < n; i++) c[i] = std::min(std::max(c[i], 0.f), 6.f);
      break;
    case kSigmoid:
      for (int64_t i = 0; i < n; i++) c[i] = 1.f / (1.f + std::exp(-c[i]));
      break;
    case kLeakyRelu:
      for (int64_t i = 0; i < n; i++) c[i] = c[i] < 0.f ? alpha * c[i] : c[i];
      break;
    case kElu:
      for (int64_t i = 0; i < n; i++) c[i] = c[i] >= 0.f ? c[i] : std::expm1(c[i]);
      break;
    default:
      break;
  }
}

bool Fail(Napi::Env env, const std::string& msg) {
  Napi::TypeError::New(env, "seq2seq_native: " + msg).ThrowAsJavaScriptException();
  return false;
}

bool HeapArg(const Napi::CallbackInfo& info, size_t i, float** data, int64_t* length) {
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    return Fail(info.Env(), "argument " + std::to_string(i) + " must be a Float32Array");
  }
  // napi_get_typedarray_info: works for views over SharedArrayBuffer (threaded wasm) too.
  napi_typedarray_type type;
  size_t len = 0;
  void* ptr = nullptr;
  napi_value ab;
  size_t byte_offset = 0;
  if (napi_get_typedarray_info(info.Env(), info[i], &type, &len, &ptr, &ab, &byte_offset) != napi_ok || (ptr == nullptr && len > 0)) {
    return Fail(info.Env(), "could not read the Float32Array's memory");
  }
  *data = static_cast<float*>(ptr);
  *length = static_cast<int64_t>(len);
  return true;
}

bool IntArgs(const Napi::CallbackInfo& info, size_t from, size_t count, int64_t* out) {
  for (size_t j = 0; j < count; j++) {
    const Napi::Value v = info[from + j];
    if (!v.IsNumber()) return Fail(info.Env(), "argument " + std::to_string(from + j) + " must be a number");
    const double d = v.As<Napi::Number>().DoubleValue();
    if (!(d == std::floor(d)) || std::fabs(d) > 9.0e15) return Fail(info.Env(), "argument " + std::to_string(from + j) + " must be an integer");
    out[j] = static_cast<int64_t>(d);
  }
  return true;
}

/** Whether [off, off + (count - 1) * stride + span) lies inside [0, len). */
bool InRange(int64_t off, int64_t count, int64_t stride, int64_t span, int64_t len) {
  if (off < 0 || stride < 0 || span < 0 || count < 1) return false;
  const int64_t last = off + (count - 1) * stride + span;
  return last <= len;
}

// gemm(heap, batch, transA, transB, m, n, k, aOff, aStride, bOff, bStride, cOff, cStride,
//      biasOff, activation, alpha)
// For each batch entry i: C_i = act(op(A_i) · op(B_i) + bias), all row-major, offsets in floats;
// A_i at aOff + i·aStride ([m, k], or [k, m] when transA), B_i likewise ([k, n] or [n, k]),
// C_i at cOff + i·cStride ([m, n]). A stride of 0 broadcasts that operand. biasOff < 0: no bias,
// else bias [n] at biasOff. activation: 0 linear, 1 relu, 2 relu6, 3 sigmoid, 4 leakyrelu(alpha), 5 elu.
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 16) {
    Fail(env, "gemm takes 16 arguments");
    return env.Undefined();
  }
  float* heap = nullptr;
  int64_t len = 0;
  if (!HeapArg(info, 0, &heap, &len)) return env.Undefined();
  int64_t a[14];
  if (!IntArgs(info, 1, 14, a)) return env.Undefined();
  const int64_t batch = a[0];
  const bool ta = a[1] != 0;
  const bool tb = a[2] != 0;
  const int64_t m = a[3], n = a[4], k = a[5];
  const int64_t aOff = a[6], aStride = a[7], bOff = a[8], bStride = a[9], cOff = a[10], cStride = a[11], biasOff = a[12];
  const int act = static_cast<int>(a[13]);
  if (!info[15].IsNumber()) {
    Fail(env, "alpha must be a number");
    return env.Undefined();
  }
  const float alpha = info[15].As<Napi::Number>().FloatValue();
  if (batch < 1 || m < 1 || n < 1 || k < 0 || m > INT32_MAX || n > INT32_MAX || k > INT32_MAX || act < kLinear || act > kElu) {
    Fail(env, "bad gemm sizes");
    return env.Undefined();
  }
  if (!InRange(aOff, batch, aStride, m * k, len) || !InRange(bOff, batch, bStride, k * n, len) || !InRange(cOff, batch, cStride, m * n, len) ||
      (biasOff >= 0 && !InRange(biasOff, 1, 0, n, len))) {
    Fail(env, "gemm operand outside the heap");
    return env.Undefined();
  }
  if (cStride < m * n && batch > 1) {
    Fail(env, "gemm outputs overlap");
    return env.Undefined();
  }
  const double flops = 2.0 * static_cast<double>(batch) * m * n * k;
  UseThreads(flops < g_min_flops_threaded ? 1 : g_max_threads);
  const int lda = static_cast<int>(ta ? m : k);
  const int ldb = static_cast<int>(tb ? k : n);
  for (int64_t i = 0; i < batch; i++) {
    float* c = heap + cOff + i * cStride;
    float beta = 0.f;
    if (biasOff >= 0) {
      const float* bias = heap + biasOff;
      for (int64_t r = 0; r < m; r++) std::memcpy(c + r * n, bias, sizeof(float) * n);
      beta = 1.f;
    }
    if (k == 0) {
      if (beta == 0.f) std::fill(c, c + m * n, 0.f);
    } else {
      cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, static_cast<int>(m), static_cast<int>(n),
                  static_cast<int>(k), 1.f, heap + aOff + i * aStride, lda, heap + bOff + i * bStride, ldb, beta, c, static_cast<int>(n));
    }
    Activate(c, m * n, act, alpha);
  }
  return env.Undefined();
}


inline float Sigmoid(float x) { return 1.f / (1.f + std::exp(-x)); }

// lstmForward(heap, b, t, h, reverse, projOff, uOff, h0Off, c0Off, maskOff,
//             outOff, gatesOff, hPrevOff, cPrevOff, tcOff)
// A whole masked LSTM layer, gate order i, f, g, o. proj [B, T, 4H] (input projections with bias),
// u [H, 4H], h0 / c0 [B, H], mask [B, T] (1 real; padded rows keep their state; fractional values
// interpolate). Writes out [B, T + 2, H] (outputs · mask, then final h, then final c) and, for the
// backward pass, time-major gates [T, B, 4H] (activated), hPrev / cPrev / tanh(c) [T, B, H].
Napi::Value LstmForward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 15) {
    Fail(env, "lstmForward takes 15 arguments");
    return env.Undefined();
  }
  float* heap = nullptr;
  int64_t len = 0;
  if (!HeapArg(info, 0, &heap, &len)) return env.Undefined();
  int64_t a[14];
  if (!IntArgs(info, 1, 14, a)) return env.Undefined();
  const int64_t B = a[0], T = a[1], H = a[2];
  const bool reverse = a[3] != 0;
  const int64_t projOff = a[4], uOff = a[5], h0Off = a[6], c0Off = a[7], maskOff = a[8], outOff = a[9], gatesOff = a[10], hPrevOff = a[11],
                cPrevOff = a[12], tcOff = a[13];
  if (B < 1 || T < 1 || H < 1 || B * H > INT32_MAX || 4 * H > INT32_MAX) {
    Fail(env, "bad lstm sizes");
    return env.Undefined();
  }
  if (!InRange(projOff, 1, 0, B * T * 4 * H, len) || !InRange(uOff, 1, 0, H * 4 * H, len) || !InRange(h0Off, 1, 0, B * H, len) ||
      !InRange(c0Off, 1, 0, B * H, len) || !InRange(maskOff, 1, 0, B * T, len) || !InRange(outOff, 1, 0, B * (T + 2) * H, len) ||
      !InRange(gatesOff, 1, 0, T * B * 4 * H, len) || !InRange(hPrevOff, 1, 0, T * B * H, len) || !InRange(cPrevOff, 1, 0, T * B * H, len) ||
      !InRange(tcOff, 1, 0, T * B * H, len)) {
    Fail(env, "lstm operand outside the heap");
    return env.Undefined();
  }
  const float* proj = heap + projOff;
  const float* u = heap + uOff;
  const float* mask = heap + maskOff;
  float* out = heap + outOff;
  float* gates = heap + gatesOff;
  float* hPrevAll = heap + hPrevOff;
  float* cPrevAll = heap + cPrevOff;
  float* tcAll = heap + tcOff;
  const int64_t G = 4 * H;
  UseThreads(2.0 * B * H * G < g_min_flops_threaded ? 1 : g_max_threads);
  // Running state, outside the heap (the heap holds only inputs and outputs).
  std::vector<float> h(heap + h0Off, heap + h0Off + B * H), c(heap + c0Off, heap + c0Off + B * H);
  for (int64_t k = 0; k < T; k++) {
    const int64_t i = reverse ? T - 1 - k : k;
    float* z = gates + i * B * G;
    std::memcpy(hPrevAll + i * B * H, h.data(), sizeof(float) * B * H);
    std::memcpy(cPrevAll + i * B * H, c.data(), sizeof(float) * B * H);
    for (int64_t r = 0; r < B; r++) std::memcpy(z + r * G, proj + (r * T + i) * G, sizeof(float) * G);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(B), static_cast<int>(G), static_cast<int>(H), 1.f, h.data(),
                static_cast<int>(H), u, static_cast<int>(G), 1.f, z, static_cast<int>(G));
    float* tc = tcAll + i * B * H;
    for (int64_t r = 0; r < B; r++) {
      float* zr = z + r * G;
      const float m = mask[r * T + i];
      float* hr = h.data() + r * H;
      float* cr = c.data() + r * H;
      float* o = out + (r * (T + 2) + i) * H;
      for (int64_t j = 0; j < H; j++) {
        const float ig = Sigmoid(zr[j]), fg = Sigmoid(zr[H + j]), gg = std::tanh(zr[2 * H + j]), og = Sigmoid(zr[3 * H + j]);
        zr[j] = ig;
        zr[H + j] = fg;
        zr[2 * H + j] = gg;
        zr[3 * H + j] = og;
        const float cn = fg * cr[j] + ig * gg;
        const float t = std::tanh(cn);
        tc[r * H + j] = t;
        const float hn = og * t;
        if (m == 1.f) {
          hr[j] = hn;
          cr[j] = cn;
        } else {
          hr[j] += m * (hn - hr[j]);
          cr[j] += m * (cn - cr[j]);
        }
        o[j] = m == 1.f ? hr[j] : m * hr[j];
      }
    }
  }
  for (int64_t r = 0; r < B; r++) {
    std::memcpy(out + (r * (T + 2) + T) * H, h.data() + r * H, sizeof(float) * H);
    std::memcpy(out + (r * (T + 2) + T + 1) * H, c.data() + r * H, sizeof(float) * H);
  }
  return env.Undefined();
}

// lstmBackward(heap, b, t, h, reverse, uOff, maskOff, gatesOff, hPrevOff, cPrevOff, tcOff,
//              dyOff, dProjOff, dUOff, dStateOff)
// The gradient of lstmForward: dy [B, T + 2, H] (outputs, final h, final c) -> dProj [B, T, 4H],
// dU [H, 4H], dState [2, B, H] (initial h, initial c).
Napi::Value LstmBackward(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 15) {
    Fail(env, "lstmBackward takes 15 arguments");
    return env.Undefined();
  }
  float* heap = nullptr;
  int64_t len = 0;
  if (!HeapArg(info, 0, &heap, &len)) return env.Undefined();
  int64_t a[14];
  if (!IntArgs(info, 1, 14, a)) return env.Undefined();
  const int64_t B = a[0], T = a[1], H = a[2];
  const bool reverse = a[3] != 0;
  const int64_t uOff = a[4], maskOff = a[5], gatesOff = a[6], hPrevOff = a[7], cPrevOff = a[8], tcOff = a[9], dyOff = a[10], dProjOff = a[11],
                dUOff = a[12], dStateOff = a[13];
  if (B < 1 || T < 1 || H < 1 || B * H > INT32_MAX || T * B > INT32_MAX || 4 * H > INT32_MAX) {
    Fail(env, "bad lstm sizes");
    return env.Undefined();
  }
  const int64_t G = 4 * H;
  if (!InRange(uOff, 1, 0, H * G, len) || !InRange(maskOff, 1, 0, B * T, len) || !InRange(gatesOff, 1, 0, T * B * G, len) ||
      !InRange(hPrevOff, 1, 0, T * B * H, len) || !InRange(cPrevOff, 1, 0, T * B * H, len) || !InRange(tcOff, 1, 0, T * B * H, len) ||
      !InRange(dyOff, 1, 0, B * (T + 2) * H, len) || !InRange(dProjOff, 1, 0, B * T * G, len) || !InRange(dUOff, 1, 0, H * G, len) ||
      !InRange(dStateOff, 1, 0, 2 * B * H, len)) {
    Fail(env, "lstm operand outside the heap");
    return env.Undefined();
  }
  const float* u = heap + uOff;
  const float* mask = heap + maskOff;
  const float* gates = heap + gatesOff;
  const float* hPrevAll = heap + hPrevOff;
  const float* cPrevAll = heap + cPrevOff;
  const float* tcAll = heap + tcOff;
  const float* dy = heap + dyOff;
  float* dProj = heap + dProjOff;
  float* dU = heap + dUOff;
  float* dState = heap + dStateOff;
  UseThreads(2.0 * B * H * G < g_min_flops_threaded ? 1 : g_max_threads);
  std::vector<float> dh(B * H), dc(B * H), dz(T * B * G);
  for (int64_t r = 0; r < B; r++) {
    std::memcpy(dh.data() + r * H, dy + (r * (T + 2) + T) * H, sizeof(float) * H);
    std::memcpy(dc.data() + r * H, dy + (r * (T + 2) + T + 1) * H, sizeof(float) * H);
  }
  std::vector<float> carry(B * H);
  for (int64_t k = T - 1; k >= 0; k--) {
    const int64_t i = reverse ? T - 1 - k : k;
    const float* g = gates + i * B * G;
    const float* cp = cPrevAll + i * B * H;
    const float* tc = tcAll + i * B * H;
    float* dzi = dz.data() + i * B * G;
    for (int64_t r = 0; r < B; r++) {
      const float m = mask[r * T + i];
      const float* gr = g + r * G;
      const float* dOut = dy + (r * (T + 2) + i) * H;
      float* dzr = dzi + r * G;
      for (int64_t j = 0; j < H; j++) {
        const int64_t q = r * H + j;
        const float dhTot = dh[q] + m * dOut[j];
        const float dhN = m * dhTot;
        const float dcN = m * dc[q];
        const float ig = gr[j], fg = gr[H + j], gg = gr[2 * H + j], og = gr[3 * H + j];
        const float t = tc[q];
        const float dcTot = dcN + dhN * og * (1.f - t * t);
        dzr[j] = dcTot * gg * ig * (1.f - ig);
        dzr[H + j] = dcTot * cp[q] * fg * (1.f - fg);
        dzr[2 * H + j] = dcTot * ig * (1.f - gg * gg);
        dzr[3 * H + j] = dhN * t * og * (1.f - og);
        dc[q] = dcTot * fg + (1.f - m) * dc[q];
        carry[q] = (1.f - m) * dhTot;
      }
    }
    // dh_prev = dz · Uᵀ + the padded rows' carry.
    std::memcpy(dh.data(), carry.data(), sizeof(float) * B * H);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(B), static_cast<int>(H), static_cast<int>(G), 1.f, dzi,
                static_cast<int>(G), u, static_cast<int>(G), 1.f, dh.data(), static_cast<int>(H));
  }
  // dU = Σ_t hPrev_tᵀ · dz_t as one product over all T·B rows.
  UseThreads(2.0 * T * B * H * G < g_min_flops_threaded ? 1 : g_max_threads);
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(H), static_cast<int>(G), static_cast<int>(T * B), 1.f, hPrevAll,
              static_cast<int>(H), dz.data(), static_cast<int>(G), 0.f, dU, static_cast<int>(G));
  for (int64_t i = 0; i < T; i++)
    for (int64_t r = 0; r < B; r++) std::memcpy(dProj + (r * T + i) * G, dz.data() + (i * B + r) * G, sizeof(float) * G);
  std::memcpy(dState, dh.data(), sizeof(float) * B * H);
  std::memcpy(dState + B * H, dc.data(), sizeof(float) * B * H);
  return env.Undefined();
}

// setThreads(maxThreads, minFlopsThreaded): the thread policy (see above). Returns nothing.
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) {
    Fail(env, "setThreads(maxThreads, minFlopsThreaded?)");
    return env.Undefined();
  }
  g_max_threads = std::max(1, info[0].As<Napi::Number>().Int32Value());
  if (info.Length() > 1 && info[1].IsNumber()) g_min_flops_threaded = std::max(0.0, info[1].As<Napi::Number>().DoubleValue());
  UseThreads(1);
  return env.Undefined();
}

// info(): { blas, config, maxThreads, minFlopsThreaded, cores }
Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
#ifdef SEQ2SEQ_OPENBLAS
  o.Set("blas", "openblas");
  o.Set("config", std::string(openblas_get_config()));
  o.Set("cores", openblas_get_num_procs());
#else
  o.Set("blas", "cblas");
  o.Set("config", "");
  o.Set("cores", 0);
#endif
  o.Set("maxThreads", g_max_threads);
  o.Set("minFlopsThreaded", g_min_flops_threaded);
  return o;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  UseThreads(1);
  exports.Set("gemm", Napi::Function::New(env, Gemm, "gemm"));
  exports.Set("setThreads", Napi::Function::New(env, SetThreads, "setThreads"));
  exports.Set("info", Napi::Function::New(env, Info, "info"));
  exports.Set("lstmForward", Napi::Function::New(env, LstmForward, "lstmForward"));
  exports.Set("lstmBackward", Napi::Function::New(env, LstmBackward, "lstmBackward"));
  return exports;
}

}  // namespace

NODE_API_MODULE(seq2seq_native, Init)
