/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core (internal): hooks between the thread registry and its users.
 */
#ifndef _CNE_INTERNAL_H_
#define _CNE_INTERNAL_H_

/** Called on the releasing thread, while it still holds `uid`, just before it is freed. */
typedef void (*cne_uid_release_hook_t)(int uid);

/** Adds a hook (at most a few; mempool uses one). @return 0, or -1 when full. */
int cne_add_uid_release_hook(cne_uid_release_hook_t hook);

#endif /* _CNE_INTERNAL_H_ */
