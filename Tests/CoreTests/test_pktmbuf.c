#define _GNU_SOURCE
/* SPDX-License-Identifier: BSD-3-Clause
 * Packet buffers: pools, every inline function at and past its limits, refcounts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <pktmbuf.h>

#include "test.h"
#include "test_pool.h"

enum { BUFCNT = 256, BUFSZ = 2048, ROOM = BUFSZ - 64, HEADROOM = 192 };

static pktmbuf_info_t *
pool(void)
{
    return pktmbuf_pool_create(NULL, BUFCNT, BUFSZ, 32, NULL);
}

static int
pool_full(pktmbuf_info_t *pi)
{
    return test_pool_all_free(pi->pd);
}

TEST(pktmbuf_layout_is_cndps)
{
    CHECK_EQ(sizeof(pktmbuf_t), 64);
    CHECK_EQ(_Alignof(pktmbuf_t), 64);
    CHECK_EQ(offsetof(pktmbuf_t, buf_addr), 8);
    CHECK_EQ(offsetof(pktmbuf_t, hash), 16);
    CHECK_EQ(offsetof(pktmbuf_t, meta_index), 20);
    CHECK_EQ(offsetof(pktmbuf_t, lport), 26);
    CHECK_EQ(offsetof(pktmbuf_t, buf_len), 28);
    CHECK_EQ(offsetof(pktmbuf_t, refcnt_atomic), 36);
    CHECK_EQ(offsetof(pktmbuf_t, rsvd16), 38);
    CHECK_EQ(offsetof(pktmbuf_t, udata64), 56);
    CHECK_EQ(sizeof(pktmbuf_info_t), 112);
    CHECK_EQ(offsetof(pktmbuf_info_t, name), 16);
    CHECK_EQ(offsetof(pktmbuf_info_t, pd), 48);
    CHECK_EQ(offsetof(pktmbuf_info_t, bufcnt), 88);
    CHECK_EQ(offsetof(pktmbuf_info_t, cache_sz), 96);
    CHECK_EQ(CNE_PKTMBUF_HEADROOM, HEADROOM);

    /* The bitfields pack as CNDP's: l2 in the low nibble of packet_type, then l3, l4... */
    pktmbuf_t m;
    memset(&m, 0, sizeof(m));
    m.l2_type       = 1;
    m.l3_type       = 2;
    m.l4_type       = 3;
    m.tun_type      = 4;
    m.inner_l2_type = 5;
    m.inner_l3_type = 6;
    m.inner_l4_type = 7;
    CHECK_EQ(m.packet_type, 0x07654321);
    m.l2_len    = 14;
    m.l3_len    = 20;
    m.l4_len    = 8;
    m.tso_segsz = 1400;
    CHECK_EQ(m.tx_offload, 14ULL | (20ULL << 7) | (8ULL << 16) | (1400ULL << 24));
}

TEST(pktmbuf_pool_create_initialises_every_buffer)
{
    pktmbuf_info_t *pi = pool();

    REQUIRE(pi != NULL);
    CHECK_EQ(pi->bufcnt, BUFCNT);
    CHECK_EQ(pi->bufsz, BUFSZ);
    CHECK_EQ(pi->cache_sz, 32);
    CHECK(pool_full(pi));
    for (uint32_t i = 0; i < BUFCNT; i++) {
        pktmbuf_t *m = (pktmbuf_t *)((char *)pi->addr + (size_t)i * BUFSZ);

        CHECK_PTR_EQ(m->pooldata, pi);
        CHECK_PTR_EQ(m->buf_addr, (char *)m + 64);
        CHECK_EQ(m->buf_len, ROOM);
        CHECK_EQ(m->data_off, HEADROOM);
        CHECK_EQ(m->data_len, 0);
        CHECK_EQ(m->lport, CNE_MBUF_INVALID_PORT);
        CHECK_EQ(m->meta_index, i);
        CHECK_EQ(pktmbuf_refcnt_read(m), 1);
        CHECK_EQ(pktmbuf_check(m, 1, NULL), 0);
    }
    pktmbuf_info_name_set(pi, "a name longer than twenty-four characters");
    CHECK_EQ(strlen(pktmbuf_info_name_get(pi)), PKTMBUF_INFO_NAME_SZ - 1);
    CHECK(strncmp(pktmbuf_info_name_get(pi), "a name longer than twent", 23) == 0);
    pktmbuf_info_name_set(pi, NULL);
    CHECK_EQ(strlen(pktmbuf_info_name_get(pi)), 0);
    CHECK_PTR_EQ(pktmbuf_info_name_get(NULL), NULL);
    pktmbuf_info_name_set(NULL, "x"); /* ignored */
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_pool_defaults_and_caller_memory)
{
    char *area         = aligned_alloc(64, 64 * 1024);
    pktmbuf_info_t *pi = pktmbuf_pool_create(area, 32, 0, 0, NULL);

    REQUIRE(pi != NULL);
    CHECK_PTR_EQ(pi->addr, area);
    CHECK_EQ(pi->bufsz, DEFAULT_MBUF_SIZE);
    CHECK_EQ(pi->cache_sz, 32); /* the default 256, clamped to the buffer count */
    pktmbuf_destroy(pi);
    free(area);

    pi = pktmbuf_pool_create(NULL, 0, 0, 1000, NULL);
    REQUIRE(pi != NULL);
    CHECK_EQ(pi->bufcnt, DEFAULT_MBUF_COUNT);
    CHECK_EQ(pi->cache_sz, MEMPOOL_CACHE_MAX_SIZE);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_pool_bad_input)
{
    char *area = aligned_alloc(64, 64 * 1024);
    pktmbuf_info_t *pi;

    CHECK_ERRNO(pktmbuf_pool_create(NULL, 16, 2000, 0, NULL), 0, EINVAL); /* not 64-multiple */
    CHECK_ERRNO(pktmbuf_pool_create(NULL, 16, 64, 0, NULL), 0, EINVAL);   /* no room */
    CHECK_ERRNO(pktmbuf_pool_create(NULL, 16, 65536 + 128, 0, NULL), 0, EINVAL);
    CHECK_ERRNO(pktmbuf_pool_create(NULL, 16, 65536 + 64, 0, NULL), 0, EINVAL); /* buf_len 65536 */
    CHECK_ERRNO(pktmbuf_pool_create(area + 8, 16, 2048, 0, NULL), 0, EINVAL); /* unaligned */
    CHECK_ERRNO(pktmbuf_pool_create(NULL, UINT32_MAX, 2048, 0, NULL), 0, EINVAL);
    CHECK_ERRNO(pktmbuf_pool_create(NULL, 1U << 31, 1U << 16, 0, NULL), 0, ENOMEM);
    CHECK_ERRNO(pktmbuf_pool_cfg_create(NULL), 0, EINVAL);
    CHECK_ERRNO(pktmbuf_pool_cfg(NULL, NULL, 1, 1, 1, NULL, 0, NULL), -1, EINVAL);
    CHECK_ERRNO(pktmbuf_iterate(NULL, NULL, NULL), -1, EINVAL);

    mbuf_ops_t broken;
    memset(&broken, 0, sizeof(broken));
    CHECK_ERRNO(pktmbuf_pool_create(NULL, 16, 2048, 0, &broken), 0, EINVAL);

    pi = pktmbuf_pool_create(area, 16, 2048, 0, NULL);
    REQUIRE(pi != NULL);
    pktmbuf_destroy(pi);
    errno = 0;
    pktmbuf_destroy(pi); /* refused, not a double free */
    CHECK_EQ(errno, EINVAL);
    pktmbuf_destroy(NULL);
    free(area);
}

TEST(pktmbuf_alloc_free_and_reset)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *m;

    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    CHECK_EQ(pktmbuf_headroom(m), HEADROOM);
    CHECK_EQ(pktmbuf_tailroom(m), ROOM - HEADROOM);
    CHECK_EQ(pktmbuf_data_len(m), 0);
    CHECK_PTR_EQ(pktmbuf_mtod(m, char *), (char *)m + 64 + HEADROOM);
    CHECK_PTR_EQ(pktmbuf_mtod_offset(m, char *, 10), (char *)m + 64 + HEADROOM + 10);
    CHECK_PTR_EQ(pktmbuf_mtod_end(m), (char *)m + BUFSZ);
    CHECK_EQ(mempool_objcnt(pi->pd) - (int)test_pool_free(pi->pd), 1);

    /* Dirty every field reset touches, then reset. */
    m->data_off = 7;
    m->data_len = 99;
    m->lport    = 3;
    m->hash     = 1234;
    m->ol_flags = CNE_MBUF_F_TX_IPV4;
    m->l2_len   = 14;
    m->l3_type  = 2;
    pktmbuf_reset(m);
    CHECK_EQ(m->data_off, HEADROOM);
    CHECK_EQ(m->data_len, 0);
    CHECK_EQ(m->lport, CNE_MBUF_INVALID_PORT);
    CHECK_EQ(m->hash, 0);
    CHECK_EQ(m->ol_flags, 0);
    CHECK_EQ(m->tx_offload, 0);
    CHECK_EQ(m->packet_type, 0);

    pktmbuf_free(m);
    CHECK(pool_full(pi));
    pktmbuf_free(NULL); /* ignored */
    CHECK_PTR_EQ(pktmbuf_alloc(NULL), NULL);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_reset_headroom_is_clamped_to_small_buffers)
{
    pktmbuf_info_t *pi = pktmbuf_pool_create(NULL, 4, 128, 0, NULL); /* 64 bytes of room */
    pktmbuf_t *m;

    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    CHECK_EQ(m->buf_len, 64);
    CHECK_EQ(pktmbuf_headroom(m), 64);
    CHECK_EQ(pktmbuf_tailroom(m), 0);
    CHECK_PTR_EQ(pktmbuf_append(m, 1), NULL);
    pktmbuf_free(m);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_alloc_bulk_is_all_or_nothing)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *a[BUFCNT], *b[8];

    REQUIRE(pi != NULL);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, a, BUFCNT - 4), BUFCNT - 4);
    memset(b, 0, sizeof(b));
    CHECK_EQ(pktmbuf_alloc_bulk(pi, b, 5), 0); /* only 4 left */
    for (int i = 0; i < 8; i++)
        CHECK_PTR_EQ(b[i], NULL);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, b, 4), 4);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, b + 4, 1), 0);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, b, 0), 0);
    CHECK_EQ(pktmbuf_alloc_bulk(NULL, b, 1), -EINVAL);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, NULL, 1), -EINVAL);
    CHECK_EQ(pktmbuf_alloc_bulk(pi, b, UINT16_MAX + 1U), -EINVAL); /* no silent truncation */
    for (int i = 0; i < BUFCNT - 4; i++)
        CHECK_EQ(pktmbuf_data_len(a[i]), 0);
    pktmbuf_free_bulk(a, BUFCNT - 4);
    pktmbuf_free_bulk(b, 4);
    CHECK(pool_full(pi));
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_free_bulk_skips_null_and_batches_by_pool)
{
    pktmbuf_info_t *p1 = pool(), *p2 = pool();
    pktmbuf_t *mix[300];
    unsigned n = 0;

    REQUIRE(p1 != NULL && p2 != NULL);
    mix[n++] = NULL; /* CNDP dereferenced element 0 */
    for (int i = 0; i < 140; i++) {
        mix[n++] = pktmbuf_alloc(p1);
        mix[n++] = (i % 3 == 0) ? NULL : pktmbuf_alloc(p2);
    }
    mix[n++] = NULL;
    CHECK(!pool_full(p1) && !pool_full(p2));
    pktmbuf_free_bulk(mix, n);
    CHECK(pool_full(p1));
    CHECK(pool_full(p2));
    pktmbuf_free_bulk(NULL, 3);
    pktmbuf_free_bulk(mix, 0);
    pktmbuf_destroy(p1);
    pktmbuf_destroy(p2);
}

TEST(pktmbuf_refcounts)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *m, *bulk[2];

    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    CHECK_EQ(pktmbuf_refcnt_update(m, 2), 3);
    CHECK_EQ(pktmbuf_refcnt_read(m), 3);
    pktmbuf_free(m); /* 3 -> 2: still out */
    CHECK_EQ(pktmbuf_refcnt_read(m), 2);
    CHECK_EQ(mempool_objcnt(pi->pd) - (int)test_pool_free(pi->pd), 1);
    bulk[0] = m;
    bulk[1] = m;
    pktmbuf_free_bulk(bulk, 2); /* 2 -> 1 -> back to the pool, count reset to 1 */
    CHECK(pool_full(pi));
    CHECK_EQ(pktmbuf_refcnt_read(m), 1);

    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    pktmbuf_refcnt_set(m, 5);
    CHECK_EQ(pktmbuf_refcnt_read(m), 5);
    CHECK_EQ(pktmbuf_refcnt_update(m, -4), 1);
    CHECK_PTR_EQ(pktmbuf_refcnt_free(m), m); /* last reference */
    pktmbuf_free(m);
    CHECK(pool_full(pi));
    CHECK_PTR_EQ(pktmbuf_refcnt_free(NULL), NULL);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_append_and_trim_limits)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *m;
    char *p;
    uint16_t tail;

    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    tail = pktmbuf_tailroom(m);
    p    = pktmbuf_append(m, 100);
    CHECK_PTR_EQ(p, pktmbuf_mtod(m, char *));
    CHECK_EQ(pktmbuf_data_len(m), 100);
    CHECK_PTR_EQ(pktmbuf_mtod_last(m), p + 100);
    CHECK_PTR_EQ(pktmbuf_append(m, (uint16_t)(tail - 100 + 1)), NULL); /* one past */
    CHECK_EQ(pktmbuf_data_len(m), 100);                                /* unchanged */
    CHECK_PTR_EQ(pktmbuf_append(m, (uint16_t)(tail - 100)), p + 100);  /* exactly to the end */
    CHECK_EQ(pktmbuf_tailroom(m), 0);
    CHECK_PTR_EQ(pktmbuf_append(m, 1), NULL);
    CHECK_PTR_EQ(pktmbuf_mtod_last(m), pktmbuf_mtod_end(m));
    CHECK_PTR_EQ(pktmbuf_append(m, 0), pktmbuf_mtod_end(m));

    CHECK_EQ(pktmbuf_trim(m, (uint16_t)(tail + 1)), -1); /* more than the length */
    CHECK_EQ(pktmbuf_data_len(m), tail);
    CHECK_EQ(pktmbuf_trim(m, tail), 0);
    CHECK_EQ(pktmbuf_data_len(m), 0);
    CHECK_EQ(pktmbuf_trim(m, 1), -1);
    CHECK_EQ(pktmbuf_trim(m, 0), 0);
    pktmbuf_free(m);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_prepend_and_adj_offset_limits)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *m;
    char *start;

    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    start = pktmbuf_mtod(m, char *);
    CHECK_PTR_EQ(pktmbuf_prepend(m, 14), start - 14);
    CHECK_EQ(pktmbuf_data_len(m), 14);
    CHECK_EQ(pktmbuf_headroom(m), HEADROOM - 14);
    CHECK_PTR_EQ(pktmbuf_prepend(m, HEADROOM - 14 + 1), NULL); /* one past */
    CHECK_EQ(pktmbuf_headroom(m), HEADROOM - 14);
    CHECK_PTR_EQ(pktmbuf_prepend(m, HEADROOM - 14), start - HEADROOM); /* exactly all */
    CHECK_EQ(pktmbuf_headroom(m), 0);
    CHECK_EQ(pktmbuf_data_len(m), HEADROOM);
    CHECK_PTR_EQ(pktmbuf_prepend(m, 1), NULL);

    /* Positive: drop from the front, at most the length. */
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, HEADROOM + 1), NULL);
    CHECK_EQ(pktmbuf_data_len(m), HEADROOM);
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, 100), start - HEADROOM + 100);
    CHECK_EQ(pktmbuf_data_len(m), HEADROOM - 100);
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, HEADROOM - 100), start); /* exactly all */
    CHECK_EQ(pktmbuf_data_len(m), 0);
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, 1), NULL);
    /* Negative: claim headroom, at most all of it. */
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, -(HEADROOM + 1)), NULL);
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, -HEADROOM), start - HEADROOM);
    CHECK_EQ(pktmbuf_data_len(m), HEADROOM);
    CHECK_PTR_EQ(pktmbuf_adj_offset(m, INT16_MIN), NULL);
    CHECK_PTR_EQ(pktmbuf_adjust(m, char *, 0), start - HEADROOM);
    pktmbuf_free(m);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_read_write_limits)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *m;
    char src[ROOM], tmp[4];
    const char *r;
    uint16_t room;

    REQUIRE(pi != NULL);
    for (size_t i = 0; i < sizeof(src); i++)
        src[i] = (char)(i * 7);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    room = pktmbuf_tailroom(m);

    /* Write grows the length, never shrinks it. */
    CHECK_PTR_EQ(pktmbuf_write(src, 100, m, 0), pktmbuf_mtod(m, char *));
    CHECK_EQ(pktmbuf_data_len(m), 100);
    CHECK_PTR_EQ(pktmbuf_write(src, 10, m, 20), pktmbuf_mtod_offset(m, char *, 20));
    CHECK_EQ(pktmbuf_data_len(m), 100);
    CHECK(memcmp(pktmbuf_mtod_offset(m, char *, 20), src, 10) == 0);
    /* Inside the data even when the tailroom is small (CNDP refused this). */
    CHECK(pktmbuf_append(m, (uint16_t)(room - 100 - 5)) != NULL);
    CHECK(pktmbuf_write(src, 200, m, 0) != NULL);
    CHECK_EQ(pktmbuf_tailroom(m), 5);
    {
        /* A corrupt header (data past the buffer) has no tailroom: nothing can be appended. */
        uint16_t saved = m->data_len;

        m->data_len = (uint16_t)(m->buf_len + 100);
        CHECK_EQ(pktmbuf_tailroom(m), 0);
        CHECK_PTR_EQ(pktmbuf_append(m, 1), NULL);
        m->data_len = saved;
    }
    /* Past the end of the buffer: refused, nothing changed. */
    CHECK_PTR_EQ(pktmbuf_write(src, 6, m, room - 5), NULL);
    CHECK_PTR_EQ(pktmbuf_write(src, 5, m, room - 5), pktmbuf_mtod_offset(m, char *, room - 5));
    CHECK_EQ(pktmbuf_data_len(m), room);
    CHECK_PTR_EQ(pktmbuf_write(src, 1, m, room), NULL);
    CHECK_PTR_EQ(pktmbuf_write(src, UINT32_MAX, m, 1), NULL); /* no wrap-around */
    CHECK_PTR_EQ(pktmbuf_write(NULL, 1, m, 0), NULL);
    /* A write past the data zeroes the gap: no stale byte joins the packet. */
    CHECK_EQ(pktmbuf_trim(m, (uint16_t)(room - 10)), 0);
    memset(pktmbuf_mtod_offset(m, char *, 10), 0x5A, 4); /* stale bytes after the data */
    CHECK(pktmbuf_write(src + 1, 1, m, 14) != NULL);
    CHECK_EQ(pktmbuf_data_len(m), 15);
    for (int i = 10; i < 14; i++)
        CHECK_EQ(*pktmbuf_mtod_offset(m, uint8_t *, i), 0);
    CHECK_EQ(*pktmbuf_mtod_offset(m, char *, 14), src[1]);
    CHECK_EQ(pktmbuf_trim(m, 4), 0);
    CHECK_EQ(pktmbuf_data_len(m), 11);

    /* Read: in place, only inside the data. */
    r = pktmbuf_read(m, 0, 11, tmp);
    CHECK_PTR_EQ(r, pktmbuf_mtod(m, char *));
    CHECK_PTR_EQ(pktmbuf_read(m, 0, 12, tmp), NULL);
    CHECK_PTR_EQ(pktmbuf_read(m, 11, 1, tmp), NULL);
    CHECK_PTR_EQ(pktmbuf_read(m, 11, 0, tmp), pktmbuf_mtod_offset(m, char *, 11));
    CHECK_PTR_EQ(pktmbuf_read(m, UINT32_MAX, 2, tmp), NULL);
    pktmbuf_free(m);
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_copy_and_check)
{
    pktmbuf_info_t *pi = pool();
    pktmbuf_t *m, *c;
    const char *why = NULL;

    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    REQUIRE(pktmbuf_write("hello, world", 12, m, 0) != NULL);
    m->lport = 2;
    c        = pktmbuf_copy(m, pi, 7, 5);
    REQUIRE(c != NULL);
    CHECK_EQ(pktmbuf_data_len(c), 5);
    CHECK(memcmp(pktmbuf_mtod(c, char *), "world", 5) == 0);
    CHECK_EQ(c->lport, 2);
    CHECK_ERRNO(pktmbuf_copy(m, pi, 10, 3), 0, EINVAL);
    CHECK_ERRNO(pktmbuf_copy(NULL, pi, 0, 0), 0, EINVAL);

    m->data_len = (uint16_t)(m->buf_len); /* corrupt: data past the buffer */
    CHECK_EQ(pktmbuf_check(m, 1, &why), -1);
    CHECK(why != NULL);
    m->data_len = 12;
    CHECK_EQ(pktmbuf_check(m, 1, &why), 0);
    CHECK_PTR_EQ(why, NULL);
    CHECK_EQ(pktmbuf_check(NULL, 1, &why), -1);
    pktmbuf_free(m);
    pktmbuf_free(c);
    CHECK(pool_full(pi));
    pktmbuf_destroy(pi);
}

TEST(pktmbuf_metadata)
{
    char *meta = calloc(16, 32);
    pktmbuf_pool_cfg_t cfg;
    pktmbuf_info_t *pi, *plain;
    pktmbuf_t *m;

    REQUIRE(meta != NULL);
    REQUIRE(pktmbuf_pool_cfg(&cfg, NULL, 16, 2048, 0, meta, 32, NULL) == 0);
    pi = pktmbuf_pool_cfg_create(&cfg);
    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    REQUIRE(m != NULL);
    CHECK_PTR_EQ(pktmbuf_metadata(m), meta + (size_t)m->meta_index * 32);
    CHECK_EQ(pktmbuf_metadata_bufsz(m), 32);
    pktmbuf_free(m);
    pktmbuf_destroy(pi);

    plain = pool();
    REQUIRE(plain != NULL);
    m = pktmbuf_alloc(plain);
    REQUIRE(m != NULL);
    CHECK_PTR_EQ(pktmbuf_metadata(m), NULL);
    CHECK_EQ(pktmbuf_metadata_bufsz(m), -1);
    pktmbuf_free(m);
    pktmbuf_destroy(plain);
    free(meta);
}

static int
count_alloc_calls;

static int
counting_alloc(pktmbuf_info_t *pi, pktmbuf_t **pkts, uint16_t n)
{
    mbuf_ops_t def;

    count_alloc_calls++;
    pktmbuf_set_default_ops(&def);
    return def.mbuf_alloc(pi, pkts, n);
}

TEST(pktmbuf_custom_ops_are_used)
{
    mbuf_ops_t ops;
    pktmbuf_info_t *pi;
    pktmbuf_t *m;

    pktmbuf_set_default_ops(&ops);
    ops.mbuf_alloc    = counting_alloc;
    count_alloc_calls = 0;
    pi                = pktmbuf_pool_create(NULL, 16, 2048, 0, &ops);
    REQUIRE(pi != NULL);
    m = pktmbuf_alloc(pi);
    CHECK(m != NULL);
    CHECK_EQ(count_alloc_calls, 1);
    pktmbuf_free(m);
    pktmbuf_destroy(pi);
    pktmbuf_set_default_ops(NULL); /* ignored */
}

static int
stop_at_three(pktmbuf_info_t *pi, pktmbuf_t *m, uint32_t sz, uint32_t idx, void *ud)
{
    (void)pi;
    (void)m;
    (void)sz;
    (*(int *)ud)++;
    return idx == 3 ? 42 : 0;
}

TEST(pktmbuf_iterate_stops_on_nonzero)
{
    pktmbuf_info_t *pi = pool();
    int visited        = 0;

    REQUIRE(pi != NULL);
    CHECK_EQ(pktmbuf_iterate(pi, stop_at_three, &visited), 42);
    CHECK_EQ(visited, 4);
    pktmbuf_destroy(pi);
}
