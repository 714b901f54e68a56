/*
 * swift-cndp: libbpf's and libxdp's print hooks, formatted and handed to one sink.
 */
#define _GNU_SOURCE
#include "cne_library_log.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* Both libraries: int (*)(enum level, const char *format, va_list). */
typedef int (*print_hook)(int level, const char *format, va_list args);
typedef print_hook (*set_print)(print_hook hook);

static _Atomic(cne_library_log_sink) current_sink;

static int forward(int32_t source, int level, const char *format, va_list args)
{
    cne_library_log_sink sink = atomic_load(&current_sink);
    if (!sink || !format)
        return 0;
    char text[1024];
    int n = vsnprintf(text, sizeof(text), format, args);
    if (n < 0)
        return 0;
    size_t length = strnlen(text, sizeof(text));
    while (length > 0 && (text[length - 1] == '\n' || text[length - 1] == '\r'))
        text[--length] = '\0';
    if (length > 0)
        sink(source, level, text);
    return n;
}

static int libbpf_hook(int level, const char *format, va_list args)
{
    return forward(CNE_LIBRARY_LOG_LIBBPF, level, format, args);
}

static int libxdp_hook(int level, const char *format, va_list args)
{
    return forward(CNE_LIBRARY_LOG_LIBXDP, level, format, args);
}

static int install(const char *name, print_hook hook)
{
    void *symbol = dlsym(RTLD_DEFAULT, name);
    if (!symbol)
        return 0;
    set_print setter;
    memcpy(&setter, &symbol, sizeof(setter)); /* object to function pointer, without a cast warning */
    setter(hook);
    return 1;
}

int32_t cne_library_log_route(cne_library_log_sink sink)
{
    atomic_store(&current_sink, sink);
    return install("libbpf_set_print", libbpf_hook) + install("libxdp_set_print", libxdp_hook);
}
