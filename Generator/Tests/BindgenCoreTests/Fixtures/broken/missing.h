#include <does_not_exist.h>
int fine(void);
