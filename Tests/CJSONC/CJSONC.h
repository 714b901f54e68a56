/* json-c, for the tests that compare CNE's config parser with it. */
#include <json-c/json.h>
