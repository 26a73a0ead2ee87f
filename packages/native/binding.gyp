{
  "targets": [
    {
      "target_name": "seq2seq_native",
      "sources": ["src/addon.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "<!@(node scripts/blas-flags.cjs include)"],
      "libraries": ["<!@(node scripts/blas-flags.cjs libs)"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "<!@(node scripts/blas-flags.cjs defines)"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-exceptions"],
      "cflags_cc!": ["-fno-rtti"]
    }
  ]
}
