/* SPDX-License-Identifier: BSD-3-Clause
 * Memory regions: each page type, the fallback, names, bad input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cne_mmap.h>

#include "test.h"

static const char *nr_2mb = "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages";

static long
read_long(const char *path)
{
    FILE *f = fopen(path, "r");
    long v  = -1;

    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = -1;
        fclose(f);
    }
    return v;
}

static int
write_long(const char *path, long v)
{
    FILE *f = fopen(path, "w");
    int ok;

    if (!f)
        return -1;
    ok = fprintf(f, "%ld\n", v) > 0;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

TEST(mmap_4kb_region)
{
    mmap_t *mm = mmap_alloc(100, 2048, MMAP_HUGEPAGE_4KB);
    uint32_t cnt = 0, sz = 0;
    size_t size;
    char *p;

    REQUIRE(mm != NULL);
    size = mmap_size(mm, &cnt, &sz);
    CHECK_EQ(cnt, 100);
    CHECK_EQ(sz, 2048);
    CHECK_EQ(size % (size_t)sysconf(_SC_PAGESIZE), 0);
    CHECK(size >= 100 * 2048);
    CHECK_EQ(mmap_type(mm), MMAP_HUGEPAGE_4KB);
    p = mmap_addr(mm);
    REQUIRE(p != NULL);
    memset(p, 0xA5, size); /* the whole rounded size is writable */
    CHECK_PTR_EQ(mmap_addr_at_offset(mm, 4096), p + 4096);
    CHECK_PTR_EQ(mmap_addr_at_offset(mm, size), NULL);
    CHECK_EQ(mmap_free(mm), 0);
}

/* Huge pages when the kernel has them, the next smaller size when it does not. */
TEST(mmap_hugepage_2mb_and_fallback)
{
    long saved = read_long(nr_2mb);
    mmap_t *mm;

    if (saved < 0) {
        test_skip("no 2MB hugepage support in this kernel");
        return;
    }
    /* Without free huge pages, a 2MB request falls back to 4KB pages. */
    if (geteuid() == 0)
        write_long(nr_2mb, 0);
    if (read_long(nr_2mb) == 0) {
        mm = mmap_alloc(1024, 2048, MMAP_HUGEPAGE_2MB);
        REQUIRE(mm != NULL);
        CHECK_EQ(mmap_type(mm), MMAP_HUGEPAGE_4KB);
        CHECK_EQ(mmap_size(mm, NULL, NULL), 1024 * 2048);
        memset(mmap_addr(mm), 1, 1024 * 2048);
        CHECK_EQ(mmap_free(mm), 0);
    }
    /* With two reserved, a 2MB request really gets 2MB pages; a larger one falls back. */
    if (geteuid() == 0 && write_long(nr_2mb, 2) == 0 && read_long(nr_2mb) == 2) {
        mm = mmap_alloc(1000, 2048, MMAP_HUGEPAGE_2MB);
        REQUIRE(mm != NULL);
        CHECK_EQ(mmap_type(mm), MMAP_HUGEPAGE_2MB);
        CHECK_EQ(mmap_size(mm, NULL, NULL), 2UL << 20); /* rounded up to one huge page */
        memset(mmap_addr(mm), 2, 2UL << 20);
        CHECK_EQ(mmap_free(mm), 0);

        mm = mmap_alloc(4096, 2048, MMAP_HUGEPAGE_2MB); /* 8 MB: more than reserved */
        REQUIRE(mm != NULL);
        CHECK_EQ(mmap_type(mm), MMAP_HUGEPAGE_4KB);
        CHECK_EQ(mmap_free(mm), 0);
    }
    if (geteuid() == 0)
        write_long(nr_2mb, saved);
}

TEST(mmap_hugepage_1gb_falls_back)
{
    mmap_t *mm = mmap_alloc(16, 4096, MMAP_HUGEPAGE_1GB);

    REQUIRE(mm != NULL);
    /* Either real 1GB pages (rare on test machines) or a smaller size: never a failure. */
    CHECK(mmap_type(mm) >= MMAP_HUGEPAGE_4KB && mmap_type(mm) <= MMAP_HUGEPAGE_1GB);
    memset(mmap_addr(mm), 3, 16 * 4096);
    CHECK_EQ(mmap_free(mm), 0);
}

TEST(mmap_names)
{
    CHECK_EQ(mmap_type_by_name("4KB"), MMAP_HUGEPAGE_4KB);
    CHECK_EQ(mmap_type_by_name("2mb"), MMAP_HUGEPAGE_2MB);
    CHECK_EQ(mmap_type_by_name("1Gb"), MMAP_HUGEPAGE_1GB);
    CHECK_EQ(mmap_type_by_name("default"), MMAP_HUGEPAGE_DEFAULT);
    CHECK_EQ(mmap_type_by_name(NULL), MMAP_HUGEPAGE_DEFAULT);
    CHECK_EQ(mmap_type_by_name("3MB"), MMAP_HUGEPAGE_DEFAULT);
    mmap_set_default_by_name("2MB");
    CHECK_EQ(mmap_type_by_name("default"), MMAP_HUGEPAGE_2MB);
    CHECK_EQ(mmap_type_by_name("nonsense"), MMAP_HUGEPAGE_2MB);
    mmap_set_default(MMAP_HUGEPAGE_4KB);
    CHECK_EQ(mmap_type_by_name("default"), MMAP_HUGEPAGE_4KB);
    CHECK(strcmp(mmap_name_by_type(MMAP_HUGEPAGE_2MB), "2MB") == 0);
    CHECK_PTR_EQ(mmap_name_by_type(MMAP_HUGEPAGE_CNT), NULL);
}

TEST(mmap_bad_input)
{
    mmap_t *mm;

    CHECK_ERRNO(mmap_alloc(0, 2048, MMAP_HUGEPAGE_4KB), 0, EINVAL);
    CHECK_ERRNO(mmap_alloc(10, 0, MMAP_HUGEPAGE_4KB), 0, EINVAL);
    CHECK_ERRNO(mmap_alloc(10, 2048, MMAP_HUGEPAGE_CNT), 0, EINVAL);
    CHECK_ERRNO(mmap_alloc(10, 2048, (mmap_type_t)-1), 0, EINVAL);
    /* Absurd: 16 TiB does not map; the error comes back, nothing crashes. */
    errno = 0;
    CHECK_PTR_EQ(mmap_alloc(UINT32_MAX, UINT32_MAX / 256, MMAP_HUGEPAGE_4KB), NULL);
    CHECK(errno != 0);
    CHECK_ERRNO(mmap_free(NULL), -1, EINVAL);
    CHECK_PTR_EQ(mmap_addr(NULL), NULL);
    CHECK_EQ(mmap_size(NULL, NULL, NULL), 0);

    mm = mmap_alloc(1, 64, MMAP_HUGEPAGE_4KB);
    REQUIRE(mm != NULL);
    CHECK_EQ(mmap_free(mm), 0);
    CHECK_ERRNO(mmap_free(mm), -1, EINVAL); /* double free is refused */
}
