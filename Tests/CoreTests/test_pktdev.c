/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp core tests: the pktdev registry and the net_null driver (no root needed).
 */
#include <errno.h>
#include <string.h>

#include <mempool.h>
#include <pktdev.h>
#include <pktdev_api.h>
#include <pktdev_driver.h>

#include "test.h"
#include "test_pool.h"
#include "test_netutil.h"

static int
null_port(tpool_t *tp, const char *name, const char *opts)
{
    lport_cfg_t cfg;

    tpool_cfg(tp, &cfg, name, NULL, "net_null", 0, 0);
    cfg.pmd_opts = (char *)(uintptr_t)opts;
    return pktdev_port_setup(&cfg);
}

TEST(pktdev_null_rx_tx)
{
    tpool_t tp;
    pktmbuf_t *pkts[256];
    lport_stats_t st;
    struct ether_addr mac;
    struct pktdev_info info;
    uint16_t before = pktdev_port_count(), n, id = 0xFFFF;
    char name[PKTDEV_NAME_MAX_LEN];
    int port;

    REQUIRE(tpool_create(&tp, 1024, 2048) == 0);
    port = null_port(&tp, "null0", NULL);
    REQUIRE(port >= 0);
    CHECK_EQ(pktdev_port_count(), before + 1);
    CHECK(pktdev_admin_state((uint16_t)port));
    CHECK_EQ(pktdev_get_port_by_name("null0", &id), 0);
    CHECK_EQ(id, port);
    CHECK_EQ(pktdev_get_name_by_port((uint16_t)port, name, sizeof(name)), 0);
    CHECK(!strcmp(name, "null0"));
    CHECK_EQ(pktdev_get_name_by_port((uint16_t)port, name, 3), -ERANGE);
    CHECK(!strcmp(pktdev_port_name((uint16_t)port), "null0"));
    CHECK_EQ(pktdev_macaddr_get((uint16_t)port, &mac), 0);
    CHECK_EQ(pktdev_info_get((uint16_t)port, &info), 0);
    CHECK(info.driver_name && !strcmp(info.driver_name, "net_null"));
    CHECK(pktdev_arg_get((uint16_t)port) != NULL);

    for (uint32_t burst = 1; burst <= 256; burst *= 4) {
        n = pktdev_rx_burst((uint16_t)port, pkts, (uint16_t)burst);
        CHECK_EQ(n, burst);
        for (uint16_t i = 0; i < n && n != PKTDEV_ADMIN_STATE_DOWN; i++) {
            const uint8_t *d = pktmbuf_mtod(pkts[i], const uint8_t *);

            CHECK_EQ(pktmbuf_data_len(pkts[i]), 64);
            CHECK_EQ(d[12], 0x08); /* IPv4 */
            pktdev_mac_swap(pktmbuf_mtod(pkts[i], void *));
            CHECK_EQ(d[5], 0x01);
        }
        if (n != PKTDEV_ADMIN_STATE_DOWN)
            CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, n), n);
    }
    CHECK(test_pool_all_free(tp.pi->pd));
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.ipackets, 1 + 4 + 16 + 64 + 256);
    CHECK_EQ(st.opackets, st.ipackets);
    CHECK_EQ(st.obytes, st.ipackets * 64);
    CHECK_EQ(pktdev_stats_reset((uint16_t)port), 0);
    CHECK_EQ(pktdev_stats_get((uint16_t)port, &st), 0);
    CHECK_EQ(st.ipackets, 0);

    /* Stopped ports answer PKTDEV_ADMIN_STATE_DOWN, started ones work again. */
    CHECK_EQ(pktdev_stop((uint16_t)port), 0);
    CHECK(!pktdev_admin_state((uint16_t)port));
    CHECK_EQ(pktdev_rx_burst((uint16_t)port, pkts, 4), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_tx_burst((uint16_t)port, pkts, 4), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_start((uint16_t)port), 0);
    n = pktdev_rx_burst((uint16_t)port, pkts, 4);
    CHECK_EQ(n, 4);
    if (n == 4)
        pktmbuf_free_bulk(pkts, 4);

    /* The pool running dry gives short bursts, then none. */
    {
        pktmbuf_t *hold[1024];
        uint32_t held = 0;

        while (held < 1024) {
            n = pktdev_rx_burst((uint16_t)port, hold + held, 256);
            if (n == 0 || n == PKTDEV_ADMIN_STATE_DOWN)
                break;
            held += n;
        }
        CHECK_EQ(held, 1024);
        CHECK_EQ(pktdev_rx_burst((uint16_t)port, pkts, 8), 0);
        CHECK_EQ(pktdev_buf_alloc(port, pkts, 1), 0);
        pktmbuf_free_bulk(hold, held);
    }

    CHECK_EQ(pktdev_close((uint16_t)port), 0);
    CHECK_EQ(pktdev_port_count(), before);
    CHECK_EQ(pktdev_rx_burst((uint16_t)port, pkts, 4), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_close((uint16_t)port), -EINVAL);
    CHECK(test_pool_all_free(tp.pi->pd));
    tpool_destroy(&tp);
}

TEST(pktdev_null_pmd_opts)
{
    tpool_t tp;
    pktmbuf_t *m;
    int port;

    REQUIRE(tpool_create(&tp, 64, 2048) == 0);
    port = null_port(&tp, "nlen", "len=128");
    REQUIRE(port >= 0);
    CHECK_EQ(pktdev_rx_burst((uint16_t)port, &m, 1), 1);
    CHECK_EQ(pktmbuf_data_len(m), 128);
    pktmbuf_free(m);
    pktdev_close((uint16_t)port);
    CHECK_ERRNO(null_port(&tp, "nlen", "len=5"), -1, EINVAL);
    CHECK_ERRNO(null_port(&tp, "nlen", "len=9999"), -1, EINVAL);
    tpool_destroy(&tp);
}

TEST(pktdev_bounds_and_bad_configs)
{
    tpool_t tp;
    lport_cfg_t cfg;
    pktmbuf_t *pkts[4];
    lport_stats_t st;
    uint16_t before = pktdev_port_count();
    int port;

    /* Ids out of range or never set up. */
    CHECK_EQ(pktdev_rx_burst(CNE_MAX_ETHPORTS, pkts, 4), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_tx_burst(0xFFFE, pkts, 4), PKTDEV_ADMIN_STATE_DOWN);
    CHECK_EQ(pktdev_tx_prepare(0xFFFE, pkts, 4), 0);
    CHECK_EQ(pktdev_stats_get(CNE_MAX_ETHPORTS, &st), -EINVAL);
    CHECK_EQ(pktdev_buf_alloc(-1, pkts, 1), -EINVAL);
    CHECK(!pktdev_admin_state(CNE_MAX_ETHPORTS));
    CHECK_ERRNO(pktdev_port_setup(NULL), -1, EINVAL);
    CHECK_ERRNO(pktdev_portid_by_name("no-such-port"), -1, ENODEV);

    REQUIRE(tpool_create(&tp, 64, 2048) == 0);
    tpool_cfg(&tp, &cfg, "x", NULL, "net_nope", 0, 0);
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, ENODEV);
    tpool_cfg(&tp, &cfg, "", NULL, "net_null", 0, 0);
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, EINVAL);
    tpool_cfg(&tp, &cfg, "x", NULL, "net_null", 0, 0);
    memset(cfg.name, 'n', sizeof(cfg.name)); /* unterminated */
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, EINVAL);
    tpool_cfg(&tp, &cfg, "x", NULL, "net_null", 0, 0);
    cfg.pi = NULL;
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, EINVAL);
    tpool_cfg(&tp, &cfg, "x", "cndp-no-such0", "net_af_packet", 0, 0);
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, ENODEV);
    CHECK_EQ(pktdev_port_count(), before);

    /* Duplicate names. */
    port = null_port(&tp, "same", NULL);
    REQUIRE(port >= 0);
    CHECK_ERRNO(null_port(&tp, "same", NULL), -1, EEXIST);
    CHECK_EQ(pktdev_port_count(), before + 1);
    CHECK(pktdev_admin_state((uint16_t)port));

    /* All 32 slots: the 33rd port fails cleanly. */
    {
        int ids[CNE_MAX_ETHPORTS], n = 0;
        char nm[16];

        for (; n < CNE_MAX_ETHPORTS; n++) {
            snprintf(nm, sizeof(nm), "fill%d", n);
            ids[n] = null_port(&tp, nm, NULL);
            if (ids[n] < 0)
                break;
        }
        CHECK_EQ(errno, ENOSPC);
        CHECK_EQ(pktdev_port_count(), CNE_MAX_ETHPORTS);
        for (int i = 0; i < n; i++)
            pktdev_close((uint16_t)ids[i]);
    }
    CHECK_EQ(pktdev_close((uint16_t)port), 0);
    CHECK_EQ(pktdev_port_count(), before);
    tpool_destroy(&tp);
}

static struct pktdev_driver dummy_drv;

static int
dummy_probe(lport_cfg_t *cfg)
{
    (void)cfg;
    errno = 0; /* a careless driver: fails without saying why */
    return -1;
}

TEST(pktdev_driver_registry)
{
    lport_cfg_t cfg;

    CHECK(pktdev_driver_find("net_null") != NULL);
    CHECK(pktdev_driver_find("net_af_xdp") != NULL);
    CHECK(pktdev_driver_find("net_af_packet") != NULL);
    CHECK(pktdev_driver_find("nope") == NULL);
    dummy_drv.name  = "net_test_dummy";
    dummy_drv.probe = dummy_probe;
    if (!pktdev_driver_find("net_test_dummy"))
        pktdev_register(&dummy_drv);
    memset(&cfg, 0, sizeof(cfg));
    strcpy(cfg.name, "dummy");
    strcpy(cfg.pmd_name, "net_test_dummy");
    CHECK_ERRNO(pktdev_port_setup(&cfg), -1, EIO);
}

/* Buffers too small for the default 64-byte frame after the headroom: refused, not overrun. */
TEST(pktdev_null_refuses_frames_larger_than_its_buffers)
{
    tpool_t tp;

    REQUIRE(tpool_create(&tp, 64, 256) == 0); /* 192 bytes of room, all of it headroom */
    CHECK_ERRNO(null_port(&tp, "null-small", NULL), -1, EINVAL);
    CHECK_ERRNO(null_port(&tp, "null-small", "len=60"), -1, EINVAL);
    CHECK(test_pool_all_free(tp.pi->pd));
    tpool_destroy(&tp);
}
