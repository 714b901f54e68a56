/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: memory regions for buffer pools.
 *
 * A region is bufcnt * bufsz bytes, rounded up to the page size, mapped shared and
 * populated. Huge pages are used when asked for and available; otherwise the
 * allocation falls back to the next smaller page size, down to 4 KB pages.
 */
#ifndef _MMAP_H_
#define _MMAP_H_

#include <stddef.h>
#include <stdint.h>

#include <cne_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Page sizes a region can be backed by. */
typedef enum {
    MMAP_HUGEPAGE_4KB, /**< 4KB pages or default system page size */
    MMAP_HUGEPAGE_2MB, /**< 2MB page size */
    MMAP_HUGEPAGE_1GB, /**< 1GB page size if supported */
    MMAP_HUGEPAGE_CNT  /**< Number of different page sizes supported */
} mmap_type_t;

#define MMAP_HUGEPAGE_DEFAULT MMAP_HUGEPAGE_4KB

typedef void mmap_t; /**< Opaque handle of a region. */

/**
 * Maps a region of bufcnt * bufsz bytes.
 *
 * @return the region, or NULL with errno EINVAL (zero count or size, an unknown type, or a
 *   size that overflows), or the errno of the failed mapping.
 */
CNDP_API mmap_t *mmap_alloc(uint32_t bufcnt, uint32_t bufsz, mmap_type_t hugepage);

/** Unmaps a region. @return 0, or -1 with errno EINVAL for NULL or a region already freed. */
CNDP_API int mmap_free(mmap_t *mmap);

/** @return the first byte of the region, or NULL for NULL. */
CNDP_API void *mmap_addr(mmap_t *mm);

/** @return the address `offset` bytes into the region, or NULL when out of range. */
CNDP_API void *mmap_addr_at_offset(mmap_t *mm, size_t offset);

/**
 * @return the page-rounded size of the region in bytes (0 for NULL); stores the buffer
 *   count and size it was made for through the pointers that are not NULL.
 */
CNDP_API size_t mmap_size(mmap_t *mm, uint32_t *bufcnt, uint32_t *bufsz);

/**
 * @return the page type the region really got, after any fallback; -1 with errno EINVAL for
 *   NULL. A swift-cndp extension, not in CNDP.
 */
CNDP_API int mmap_type(mmap_t *mm);

/**
 * Maps "4KB", "2MB", "1GB" or "default" (case-insensitive) to a type. "default", NULL, an
 * empty string and anything else give the default type (see mmap_set_default), as in CNDP.
 */
CNDP_API mmap_type_t mmap_type_by_name(const char *htype);

/** @return "4KB", "2MB" or "1GB", or NULL for a type out of range. */
CNDP_API const char *mmap_name_by_type(mmap_type_t typ);

/** Sets the type that mmap_type_by_name returns for "default" and unknown names. */
CNDP_API void mmap_set_default(mmap_type_t htype);

/** Like mmap_set_default, by name. */
CNDP_API void mmap_set_default_by_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* _MMAP_H_ */
