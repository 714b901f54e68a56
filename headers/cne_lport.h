/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: logical port (lport) configuration and statistics.
 *
 * An lport is one queue of one network device (or a virtual device) opened by a PMD.
 * lport_cfg_t is what pktdev_port_setup() reads; its layout is CNDP's (304 bytes on
 * x86-64) because applications fill it field by field. lport_stats_t is CNDP's counter
 * block; unlike CNDP, the three counters that CNDP compiles in only on kernels >= 5.9
 * (rx_ring_full, rx_fill_ring_empty, tx_ring_empty) are always present, so the layout
 * (248 bytes) does not depend on the build host.
 */
#ifndef _CNE_LPORT_H_
#define _CNE_LPORT_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cne_common.h>
#include <pktmbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LPORT_NAME_LEN             32   /**< Size of the name fields, NUL included */
#define LPORT_FRAME_SIZE           2048 /**< Default frame (buffer) size */
#define LPORT_DATA_HEADROOM        XDP_PKT_HEADROOM
#define LPORT_DFLT_RX_NUM_DESCS    2048 /**< Default RX ring size of jcfg's lport groups */
#define LPORT_DFLT_TX_NUM_DESCS    4096 /**< Default TX ring size of jcfg's lport groups (CNDP: 2 x 2048) */
#define LPORT_FRAME_SHIFT          11   /**< log2(LPORT_FRAME_SIZE) */
#define LPORT_DFLT_START_QUEUE_IDX 0
#define LPORT_DFLT_QUEUE_COUNT     1
#define LPORT_RX_BATCH_SIZE        256
#define LPORT_TX_BATCH_SIZE        256

typedef void mbuf_t;  /**< A buffer handled by the buffer-management callbacks */
typedef void xinfo_t; /**< An xskdev_info_t, seen by the buffer-management callbacks */

typedef int (*buf_alloc_t)(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts);
typedef void (*buf_free_t)(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts);
typedef void (*buf_reset_t)(mbuf_t *buf, uint16_t buf_len, uint16_t headroom);
typedef void (*buf_set_len_t)(mbuf_t *buf, uint16_t len);
typedef void **(*buf_inc_ptr_t)(mbuf_t **buf);
typedef uint16_t (*buf_rx_burst_t)(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts);
typedef uint16_t (*buf_tx_burst_t)(xinfo_t *arg, mbuf_t **bufs, uint16_t nb_pkts);
typedef uint64_t (*buf_get_base_ptr_t)(mbuf_t *buf);
typedef void (*buf_set_data_len_t)(mbuf_t *buf, uint16_t len);
typedef void (*buf_set_data_off_t)(mbuf_t *buf, uint16_t off);
typedef uint16_t (*buf_get_data_len_t)(mbuf_t *buf);
typedef uint16_t (*buf_get_data_off_t)(mbuf_t *buf);
typedef uint64_t (*buf_get_data_ptr_t)(mbuf_t *buf);

/**
 * Buffer management of an AF_XDP lport. All zero selects the built-in pktmbuf management
 * over lport_cfg_t.pi. With LPORT_USER_MANAGED_BUFFERS the application supplies the
 * callbacks (buf_arg is handed to buf_alloc/buf_free).
 */
typedef struct lport_buf_mgmt {
    void *buf_arg;                       /**< Argument of buf_alloc and buf_free */
    buf_alloc_t buf_alloc;               /**< Allocates buffers, all or nothing */
    buf_free_t buf_free;                 /**< Frees buffers */
    buf_reset_t buf_reset;               /**< Resets a buffer */
    buf_set_len_t buf_set_len;           /**< Sets the total buffer length */
    buf_inc_ptr_t buf_inc_ptr;           /**< Steps to the next buffer pointer */
    buf_rx_burst_t buf_rx_burst;         /**< RX burst */
    buf_tx_burst_t buf_tx_burst;         /**< TX burst */
    buf_get_base_ptr_t buf_get_base_ptr; /**< Start address of a buffer */
    buf_set_data_len_t buf_set_data_len; /**< Sets the data length */
    buf_set_data_off_t buf_set_data_off; /**< Sets the data offset */
    buf_get_data_len_t buf_get_data_len; /**< Gets the data length */
    buf_get_data_off_t buf_get_data_off; /**< Gets the data offset */
    buf_get_data_ptr_t buf_get_data_ptr; /**< Gets the data address */
    uint32_t frame_size;                 /**< Frame size in the umem */
    uint32_t buf_header_sz;              /**< Buffer headroom size */
    uint32_t pool_header_sz;             /**< Pool header size (external pools) */
    uint32_t reserved;                   /**< Alignment */
} lport_buf_mgmt_t;

/** The configuration of one lport (CNDP layout, 304 bytes). */
typedef struct lport_cfg {
    char name[LPORT_NAME_LEN];     /**< Unique lport name (at most 31 characters) */
    char ifname[LPORT_NAME_LEN];   /**< Netdev name (ignored by net_null) */
    char pmd_name[LPORT_NAME_LEN]; /**< Driver: "net_af_xdp", "net_af_packet", "net_null" */
    uint16_t flags;                /**< LPORT_* flags */
    uint16_t qid;                  /**< Queue id, below the netdev's channel count */
    uint32_t bufcnt;               /**< Number of buffers (ignored by af_xdp) */
    uint32_t bufsz;                /**< Buffer and umem frame size */
    uint32_t rx_nb_desc;           /**< RX ring size, power of 2; 0 selects 2048 */
    uint32_t tx_nb_desc;           /**< TX ring size, power of 2; 0 selects 2048 */
    uint16_t busy_timeout;         /**< Busy-poll timeout; 0 selects 20 */
    uint16_t busy_budget;          /**< Busy-poll budget; 0 selects 64 */
    void *addr;                    /**< Start of the buffers (ignored by af_xdp) */
    char *umem_addr;               /**< Start of the umem region (page aligned) */
    char *pmd_opts;                /**< Driver options string, may be NULL */
    size_t umem_size;              /**< Size of the umem region in bytes */
    pktmbuf_info_t *pi;            /**< Pool whose buffers lie inside the umem region */
    void *xsk_uds;                 /**< uds_info_t from udsc_handshake (LPORT_UNPRIVILEGED) */
    char *xsk_map_path;            /**< Pinned XSKMAP path (LPORT_UNPRIVILEGED), or NULL */
    lport_buf_mgmt_t buf_mgmt;     /**< Buffer management; zero for the default */
} lport_cfg_t;

#define LPORT_UNPRIVILEGED           (1 << 0) /**< Load no XDP program; the XSKMAP comes
                                                   from the UDS or a pinned path */
#define LPORT_FORCE_WAKEUP           (1 << 1) /**< Always kick the kernel (no need_wakeup) */
#define LPORT_SKB_MODE               (1 << 2) /**< Generic (SKB, copy) XDP mode */
#define LPORT_BUSY_POLLING           (1 << 3) /**< Preferred busy polling */
#define LPORT_SHARED_UMEM            (1 << 4) /**< Share the umem with other lports over the
                                                   same region */
#define LPORT_USER_MANAGED_BUFFERS   (1 << 5) /**< Buffers managed by buf_mgmt callbacks */
#define LPORT_UMEM_UNALIGNED_BUFFERS (1 << 6) /**< Unaligned umem chunk mode */

/** Counters of an lport (CNDP layout, 248 bytes, all fields always present). */
typedef struct lport_stats {
    uint64_t ipackets;           /**< Packets received */
    uint64_t opackets;           /**< Packets transmitted */
    uint64_t ibytes;             /**< Bytes received */
    uint64_t obytes;             /**< Bytes transmitted */
    uint64_t ierrors;            /**< Erroneous received packets */
    uint64_t oerrors;            /**< Failed transmissions */
    uint64_t imissed;            /**< Received packets dropped (no room) */
    uint64_t odropped;           /**< Transmit packets dropped */
    uint64_t rx_invalid;         /**< Invalid RX descriptors */
    uint64_t tx_invalid;         /**< Invalid TX descriptors */
    uint64_t rx_ring_empty;      /**< RX ring found empty */
    uint64_t rx_buf_alloc;       /**< Buffers allocated for RX */
    uint64_t rx_busypoll_wakeup; /**< recvfrom() calls for busy polling */
    uint64_t rx_poll_wakeup;     /**< poll() calls for wakeup */
    uint64_t rx_rcvd_count;      /**< Packets received */
    uint64_t rx_burst_called;    /**< rx_burst calls */
    uint64_t rx_ring_full;       /**< RX ring full (XDP_STATISTICS) */
    uint64_t rx_fill_ring_empty; /**< Fill ring empty (XDP_STATISTICS) */
    uint64_t tx_ring_empty;      /**< TX ring empty (XDP_STATISTICS) */
    uint64_t fq_add_called;      /**< Fill-queue refills */
    uint64_t fq_add_count;       /**< Buffers put on the fill queue */
    uint64_t fq_full;            /**< Fill queue had no room */
    uint64_t fq_alloc_zero;      /**< Buffer allocation for the fill queue returned 0 */
    uint64_t fq_reserve_failed;  /**< Fill-queue reserve failed */
    uint64_t tx_kicks;           /**< TX kicks (sendto) */
    uint64_t tx_kick_failed;     /**< TX kicks that failed */
    uint64_t tx_kick_again;      /**< TX kicks answered EAGAIN/EBUSY */
    uint64_t tx_ring_full;       /**< TX ring had no room */
    uint64_t tx_copied;          /**< TX buffers copied into the umem */
    uint64_t cq_empty;           /**< Completion queue found empty */
    uint64_t cq_buf_freed;       /**< Buffers freed from the completion queue */
} lport_stats_t;

#ifdef __cplusplus
}
#endif

#endif /* _CNE_LPORT_H_ */
