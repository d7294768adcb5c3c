/*
 * decodeGray(jpeg: Uint8Array, scaleDenominator: 1 | 2 | 4 | 8) -> { data: Uint8Array, width, height }
 *
 * A JPEG decoded straight to 8-bit gray by libjpeg(-turbo), scaled in the IDCT (1/2 decodes a quarter of the
 * pixels at about a quarter of the cost). The QR worker's first pass only needs a gray page at 400-800 px,
 * which sharp/libvips cannot give at a whole 2x shrink without decoding the full page first. Errors (CMYK,
 * 12-bit, no image) throw; corrupt data is decoded as far as libjpeg can, like sharp's failOn: "none".
 */
#include <node_api.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <jpeglib.h>

/* 256 megapixels of output: far beyond any scanned page (a 300 dpi A4 page is 8.7), and a bound on memory. */
#define MAX_OUTPUT_PIXELS ((size_t)1 << 28)

struct error_manager {
  struct jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr info) {
  struct error_manager *err = (struct error_manager *)info->err;
  (*info->err->format_message)(info, err->message);
  longjmp(err->jump, 1);
}

/* Warnings (corrupt or truncated data) are not errors here, and must not go to stderr. */
static void on_message(j_common_ptr info, int level) {
  (void)info;
  (void)level;
}

static napi_value throw_error(napi_env env, const char *prefix, const char *message) {
  char text[JMSG_LENGTH_MAX + 64];
  snprintf(text, sizeof text, "%s%s", prefix, message);
  napi_throw_error(env, NULL, text);
  return NULL;
}

static napi_value decode_gray(napi_env env, napi_callback_info cb) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, cb, &argc, argv, NULL, NULL);
  napi_typedarray_type type;
  size_t length = 0;
  void *input = NULL;
  if (argc < 1 || napi_get_typedarray_info(env, argv[0], &type, &length, &input, NULL, NULL) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "decodeGray: the first argument must be a Uint8Array");
    return NULL;
  }
  uint32_t denominator = 1;
  if (argc > 1 && napi_get_value_uint32(env, argv[1], &denominator) != napi_ok) denominator = 0;
  if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
    napi_throw_range_error(env, NULL, "decodeGray: the scale denominator must be 1, 2, 4 or 8");
    return NULL;
  }

  struct jpeg_decompress_struct info;
  struct error_manager err;
  info.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = on_error;
  err.pub.emit_message = on_message;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    return throw_error(env, "JPEG: ", err.message);
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, (const unsigned char *)input, (unsigned long)length);
  jpeg_read_header(&info, TRUE);
  info.scale_num = 1;
  info.scale_denom = denominator;
  info.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&info);
  size_t width = info.output_width;
  size_t height = info.output_height;
  if (info.output_components != 1 || width == 0 || height == 0 || width * height > MAX_OUTPUT_PIXELS) {
    jpeg_destroy_decompress(&info);
    return throw_error(env, "JPEG: ", "unsupported size or colour layout");
  }
  /*
   * Decoded straight into a V8-owned ArrayBuffer: V8 counts its size, so the garbage collector frees pages'
   * pixels in time (an external buffer's malloc is invisible to it, and a busy worker grew by GBs). If libjpeg
   * fails half-way, the buffer is simply garbage.
   */
  void *pixels = NULL;
  napi_value buffer;
  if (napi_create_arraybuffer(env, width * height, &pixels, &buffer) != napi_ok) {
    jpeg_destroy_decompress(&info);
    return throw_error(env, "JPEG: ", "out of memory");
  }
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = (unsigned char *)pixels + (size_t)info.output_scanline * width;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);

  napi_value array, result, w, h;
  napi_create_typedarray(env, napi_uint8_array, width * height, buffer, 0, &array);
  napi_create_uint32(env, (uint32_t)width, &w);
  napi_create_uint32(env, (uint32_t)height, &h);
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "data", array);
  napi_set_named_property(env, result, "width", w);
  napi_set_named_property(env, result, "height", h);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "decodeGray", NAPI_AUTO_LENGTH, decode_gray, NULL, &fn);
  napi_set_named_property(env, exports, "decodeGray", fn);
  return exports;
}
