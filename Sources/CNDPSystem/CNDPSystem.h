/* The system CNDP's headers, as CCNESys needs them: its build configuration first. */
#ifndef CNDP_SYSTEM_H
#define CNDP_SYSTEM_H

#include <cne_build_config.h>
#include <cne_common.h>

#endif /* CNDP_SYSTEM_H */
