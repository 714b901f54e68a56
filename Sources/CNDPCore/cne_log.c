/* SPDX-License-Identifier: BSD-3-Clause
 * swift-cndp embedded core: assertion failures.
 */
#include <stdio.h>
#include <stdlib.h>

#include <cne_log.h>

void
__cne_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "CNE_ASSERT failed: %s (%s:%d in %s)\n", expr, file, line, func);
    abort();
}
