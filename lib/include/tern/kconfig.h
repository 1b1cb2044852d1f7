/* SPDX-License-Identifier: MIT */
/* IS_ENABLED(CONFIG_X): 1 when a bool option is y, else 0, usable in plain
 * C conditions so that both branches keep compiling. genconfig defines a
 * enabled option as 1 and leaves a disabled one undefined. */
#ifndef TERN_KCONFIG_H
#define TERN_KCONFIG_H

#define KCONFIG_PROBE_1 ignored,
#define KCONFIG_SECOND(ignored, value, ...) value
#define KCONFIG_SELECT(probe) KCONFIG_SECOND(probe 1, 0, 0)
#define KCONFIG_EXPAND(value) KCONFIG_SELECT(KCONFIG_PROBE_##value)
#define IS_ENABLED(option) KCONFIG_EXPAND(option)

#endif
