/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: memory regions for buffer pools.
 */
#define _GNU_SOURCE /* MAP_ANONYMOUS, MAP_POPULATE, MAP_HUGETLB */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cne_mmap.h>

#include "live_set.h"

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif
#ifndef MAP_HUGE_2MB
#define MAP_HUGE_2MB (21 << MAP_HUGE_SHIFT)
#endif
#ifndef MAP_HUGE_1GB
#define MAP_HUGE_1GB (30 << MAP_HUGE_SHIFT)
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

typedef struct {
    void *addr;
    size_t size;
    uint32_t bufcnt;
    uint32_t bufsz;
    mmap_type_t type;
} region_t;

static live_set_t live_regions = LIVE_SET_INITIALIZER;
static _Atomic int default_type = MMAP_HUGEPAGE_4KB;

static const char *const type_names[MMAP_HUGEPAGE_CNT] = {"4KB", "2MB", "1GB"};

static size_t
page_size_of(mmap_type_t type)
{
    switch (type) {
    case MMAP_HUGEPAGE_2MB:
        return 2UL << 20;
    case MMAP_HUGEPAGE_1GB:
        return 1UL << 30;
    default: {
        long sz = sysconf(_SC_PAGESIZE);

        return sz > 0 ? (size_t)sz : 4096;
    }
    }
}

static int
map_flags_of(mmap_type_t type)
{
    int flags = MAP_SHARED | MAP_ANONYMOUS | MAP_POPULATE;

    if (type == MMAP_HUGEPAGE_2MB)
        flags |= MAP_HUGETLB | MAP_HUGE_2MB;
    else if (type == MMAP_HUGEPAGE_1GB)
        flags |= MAP_HUGETLB | MAP_HUGE_1GB;
    return flags;
}

/*
 * Huge pages are reserved when a shared hugetlb mapping is made, so a pool without enough
 * free pages fails here with ENOMEM rather than later with SIGBUS; that failure is what
 * moves us to the next smaller page size.
 */
static void *
map_with_fallback(size_t bytes, mmap_type_t *type, size_t *mapped)
{
    for (int t = (int)*type; t >= MMAP_HUGEPAGE_4KB; t--) {
        size_t pg   = page_size_of((mmap_type_t)t);
        size_t size = (bytes + pg - 1) / pg * pg;
        void *addr  = mmap(NULL, size, PROT_READ | PROT_WRITE, map_flags_of((mmap_type_t)t), -1, 0);

        /*
         * A hugetlb cgroup limit (Kubernetes hugepages-2Mi) is charged when pages are touched,
         * not reserved: MAP_POPULATE then fails silently and the first touch is SIGBUS. Fault
         * the pages in with an error instead, and fall back when that fails. Kernels before
         * 5.14 answer EINVAL: nothing to learn there, keep the mapping as CNDP would.
         */
        if (addr != MAP_FAILED && t != MMAP_HUGEPAGE_4KB &&
            madvise(addr, size, MADV_POPULATE_WRITE) != 0 && errno != EINVAL) {
            munmap(addr, size);
            continue;
        }
        if (addr != MAP_FAILED) {
            *type   = (mmap_type_t)t;
            *mapped = size;
            return addr;
        }
    }
    return NULL;
}

mmap_t *
mmap_alloc(uint32_t bufcnt, uint32_t bufsz, mmap_type_t hugepage)
{
    region_t *r;
    uint64_t bytes = (uint64_t)bufcnt * bufsz;
    mmap_type_t type = hugepage;
    int saved;

    if (bufcnt == 0 || bufsz == 0 || (unsigned)hugepage >= MMAP_HUGEPAGE_CNT ||
        bytes > (uint64_t)SIZE_MAX / 2) {
        errno = EINVAL;
        return NULL;
    }
    r = calloc(1, sizeof(*r));
    if (!r) {
        errno = ENOMEM;
        return NULL;
    }
    r->addr = map_with_fallback((size_t)bytes, &type, &r->size);
    if (!r->addr)
        goto fail;
    r->bufcnt = bufcnt;
    r->bufsz  = bufsz;
    r->type   = type;
    if (live_set_add(&live_regions, r) < 0) {
        munmap(r->addr, r->size);
        goto fail;
    }
    return r;
fail:
    saved = errno;
    free(r);
    errno = saved;
    return NULL;
}

int
mmap_free(mmap_t *mm)
{
    region_t *r = mm;

    if (!r || !live_set_remove(&live_regions, r)) {
        errno = EINVAL;
        return -1;
    }
    munmap(r->addr, r->size);
    free(r);
    return 0;
}

void *
mmap_addr(mmap_t *mm)
{
    region_t *r = mm;

    return r ? r->addr : NULL;
}

void *
mmap_addr_at_offset(mmap_t *mm, size_t offset)
{
    region_t *r = mm;

    if (!r || offset >= r->size)
        return NULL;
    return (char *)r->addr + offset;
}

size_t
mmap_size(mmap_t *mm, uint32_t *bufcnt, uint32_t *bufsz)
{
    region_t *r = mm;

    if (!r)
        return 0;
    if (bufcnt)
        *bufcnt = r->bufcnt;
    if (bufsz)
        *bufsz = r->bufsz;
    return r->size;
}

int
mmap_type(mmap_t *mm)
{
    region_t *r = mm;

    if (!r) {
        errno = EINVAL;
        return -1;
    }
    return (int)r->type;
}

mmap_type_t
mmap_type_by_name(const char *htype)
{
    if (htype) {
        for (int t = 0; t < MMAP_HUGEPAGE_CNT; t++)
            if (strcasecmp(htype, type_names[t]) == 0)
                return (mmap_type_t)t;
    }
    return (mmap_type_t)atomic_load(&default_type);
}

const char *
mmap_name_by_type(mmap_type_t typ)
{
    if ((unsigned)typ >= MMAP_HUGEPAGE_CNT)
        return NULL;
    return type_names[typ];
}

void
mmap_set_default(mmap_type_t htype)
{
    if ((unsigned)htype < MMAP_HUGEPAGE_CNT)
        atomic_store(&default_type, (int)htype);
}

void
mmap_set_default_by_name(const char *name)
{
    mmap_set_default(mmap_type_by_name(name));
}
