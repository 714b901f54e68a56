/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: branch prediction hints.
 */
#ifndef _CNE_BRANCH_PREDICTION_H_
#define _CNE_BRANCH_PREDICTION_H_

#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#endif /* _CNE_BRANCH_PREDICTION_H_ */
