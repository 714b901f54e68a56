/* Variadic functions: only printf-like ones may be wrapped as "%s" + text. */
#ifndef GX_VARIADIC_H
#define GX_VARIADIC_H
int gx_exec(const char *path, const char *arg, ...) __attribute__((sentinel));
int gx_spawn(const char *path, const char *arg, ...);
int gx_log(char *fmt, ...);
int gx_report(int level, const char *message, ...) __attribute__((format(printf, 2, 3)));
#endif
