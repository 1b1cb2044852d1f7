# SPDX-License-Identifier: MIT
# Tern: a capability-based L4-family microkernel and microhypervisor for ARM.
# `make help` lists the targets. Objects go to $(O) (default: build/).

SHELL := /bin/bash
O ?= build
override O := $(patsubst %/,%,$(O))
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
PYTHON := /usr/bin/python3
CROSS_COMPILE ?= arm-none-eabi-
CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
SIZE := $(CROSS_COMPILE)size
HOSTCC ?= gcc
QEMU ?= qemu-system-arm
DEPS := scripts/deps.sh
GUEST_O := build/guest
TEST_BOARDS := vexpress-a15 virt
export QEMU_AUDIO_DRV := none

KCONFIG_CONFIG := $(O)/.config
export KCONFIG_CONFIG
KCONFIG_FILES := Kconfig $(wildcard */Kconfig */*/Kconfig)
KCONFIG := $(PYTHON) -m
DEFAULT_DEFCONFIG := vexpress-a15_defconfig

TERN_VERSION := 0.1.0
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

# Goals that need no configured board.
NO_CONFIG_GOALS := help deps clean distclean %_defconfig menuconfig olddefconfig \
	savedefconfig test test-unit demo linux guest-rootfs run-native test-native deps-guest
need_config := $(if $(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),1,0)

.PHONY: all help deps clean distclean menuconfig olddefconfig savedefconfig \
	run debug test test-unit test-boot test-kernel test-guest test-display test-channel test-demo test-deps bench-ipc bench-boot bench-boot-budget bench-guest bench-rt bench demo size fuzz FORCE
.DEFAULT_GOAL := all
.SECONDEXPANSION:

unquote = $(patsubst "%",%,$(1))
# variant-build DIR,FRAGMENT,TARGET: builds TARGET in DIR from the current
# configuration with the options of FRAGMENT (configs/fragments/).
define variant-build
	$(Q)mkdir -p $(1)
	$(Q)$(call merge-config,$(KCONFIG_CONFIG),$(2),$(1)/.config)
	$(Q)KCONFIG_CONFIG=$(1)/.config $(KCONFIG) olddefconfig Kconfig >/dev/null
	$(Q)$(MAKE) --no-print-directory O=$(1) $(3) >/dev/null
endef
# merge-config BASE,FRAGMENT,OUT: BASE with every symbol FRAGMENT sets replaced.
merge-config = awk 'NR==FNR { if (match($$0, /CONFIG_[A-Za-z0-9_]+/)) set[substr($$0, RSTART, RLENGTH)] = 1; \
	frag = frag $$0 "\n"; next } { if (match($$0, /CONFIG_[A-Za-z0-9_]+/) && \
	(substr($$0, RSTART, RLENGTH) in set)) next; print } END { printf "%s", frag }' $(2) $(1) > $(3)

lib-y :=
include lib/build.mk
LIB_SRCS := $(addprefix lib/,$(lib-y))

ifeq ($(need_config),1)
include $(KCONFIG_CONFIG)
BOARD := $(call unquote,$(CONFIG_BOARD_NAME))
BOARD_DTS := $(call unquote,$(CONFIG_BOARD_DTS))
BOARD_DTB := $(O)/board.dtb
GEN := $(O)/include/generated
ifneq ($(wildcard $(KCONFIG_CONFIG)),)
include $(GEN)/board.mk
endif
endif

# Made from the default defconfig when missing; brought up to date (new
# symbols at their defaults) when a Kconfig file changed, as make reads it.
$(KCONFIG_CONFIG): $(KCONFIG_FILES)
	@mkdir -p $(O)
	$(Q)if [ -f $@ ]; then echo "  CONFIG  Kconfig changed: olddefconfig $@"; \
		$(KCONFIG) olddefconfig Kconfig >/dev/null && touch $@; \
	else echo "  CONFIG  no $@: using configs/$(DEFAULT_DEFCONFIG)"; \
		$(KCONFIG) defconfig --kconfig Kconfig configs/$(DEFAULT_DEFCONFIG) >/dev/null; fi

%_defconfig: deps-quiet
	@mkdir -p $(O)
	@test -f configs/$@ || { echo "no such configuration: configs/$@ (see configs/)"; exit 1; }
	$(Q)$(KCONFIG) defconfig --kconfig Kconfig configs/$@
menuconfig: deps-quiet
	@mkdir -p $(O)
	$(Q)$(KCONFIG) menuconfig Kconfig
olddefconfig: deps-quiet
	@mkdir -p $(O)
	$(Q)$(KCONFIG) olddefconfig Kconfig
savedefconfig: deps-quiet
	$(Q)$(KCONFIG) savedefconfig --kconfig Kconfig --out $(O)/defconfig
	@echo "  SAVED   $(O)/defconfig (copy it to configs/<name>_defconfig)"

deps:
	$(Q)bash $(DEPS)
.PHONY: deps-quiet
deps-quiet:
	$(Q)bash $(DEPS)

# ---------------------------------------------------------------- kernel image
ifeq ($(need_config),1)

$(GEN)/autoconf.h: $(KCONFIG_CONFIG) $(KCONFIG_FILES)
	@mkdir -p $(dir $@)
	$(Q)$(KCONFIG) genconfig --header-path $@ Kconfig

$(BOARD_DTB): $(BOARD_DTS) $(KCONFIG_CONFIG)
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(GEN)/board.h $(GEN)/board.mk &: $(BOARD_DTB) scripts/board_info.py $(KCONFIG_CONFIG)
	@mkdir -p $(GEN)
	$(Q)$(PYTHON) scripts/board_info.py $(BOARD_DTB) $(CONFIG_KERNEL_LOAD_OFFSET) $(GEN)/board.h $(GEN)/board.mk

kernel-y :=
arch-y :=
hyp-y :=
svc-y :=
platform-y :=
include kernel/build.mk arch/arm/build.mk platform/build.mk
SRCS := $(addprefix kernel/,$(kernel-y)) $(addprefix arch/arm/,$(arch-y)) \
	$(addprefix platform/,$(platform-y)) $(LIB_SRCS)
OBJS := $(patsubst %,$(O)/obj/%.o,$(basename $(SRCS)))

ARCH_FLAGS := -mcpu=$(call unquote,$(CONFIG_ARM_CPU)) -marm -mfloat-abi=soft -mno-unaligned-access
CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-Ikernel/include -Ilib/include -Iarch/arm/include -Iplatform/include -Ilibl4/include -I$(O)/include \
	-include $(GEN)/autoconf.h -DTERN_VERSION='"$(TERN_VERSION)"' \
	-DTERN_GIT_REV='"$(GIT_REV)"' -DBUILTIN_DTB='"$(BOARD_DTB)"' \
	-DBOOT_ARCHIVE='"$(O)/archive.cpio"' -MMD -MP
CFLAGS := -std=gnu11 -ffreestanding -fno-builtin -fno-common -fno-pic -O2 -g \
	$(ARCH_FLAGS) -mgeneral-regs-only -Wall -Wextra -Werror -Wshadow \
	-Wmissing-prototypes -Wstrict-prototypes -Wpointer-arith -Wundef -Wvla \
	-Wno-unused-parameter -fno-strict-aliasing -ffunction-sections -fdata-sections
ASFLAGS := $(ARCH_FLAGS) -g -D__ASSEMBLY__
LDFLAGS := -nostdlib -static -Wl,--gc-sections -Wl,--build-id=none -Wl,-z,noexecstack \
	-Wl,--no-warn-rwx-segments
LIBGCC := $(shell $(CC) $(ARCH_FLAGS) -print-libgcc-file-name)

all: $(O)/tern.elf
	@$(SIZE) $(O)/tern.elf | tail -1 | awk '{printf "  SIZE    text %s data %s bss %s  (%s)\n", $$1, $$2, $$3, "$(O)/tern.elf"}'

$(O)/obj/%.o: %.c $(GEN)/autoconf.h $(GEN)/board.h
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/obj/%.o: %.S $(GEN)/autoconf.h $(GEN)/board.h $(BOARD_DTB)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ASFLAGS) -c -o $@ $<

$(O)/kernel.lds: arch/arm/kernel.lds.S $(GEN)/board.h $(GEN)/autoconf.h
	@echo "  LDS     $@"
	$(Q)$(CC) $(CPPFLAGS) -P -E -x assembler-with-cpp -D__ASSEMBLY__ -MT $@ -o $@ $<

$(O)/tern.elf: $(OBJS) $(O)/kernel.lds
	@echo "  LD      $@"
	$(Q)$(CC) $(ARCH_FLAGS) $(LDFLAGS) -T $(O)/kernel.lds -o $@ $(OBJS) $(LIBGCC)

-include $(OBJS:.o=.d) $(O)/kernel.d

# ---------------------------------------------------------------- user programs
USER_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-Ilibl4/include -Ilib/include -I$(O)/include -include $(GEN)/autoconf.h -MMD -MP
USER_CFLAGS := $(filter-out -ffunction-sections -fdata-sections,$(CFLAGS))
LIBL4_SRCS := libl4/src/crt0.S libl4/src/debug.c libl4/src/invocation.c libl4/src/alloc.c \
	lib/printf.c lib/string.c lib/cpio.c lib/elf.c
ROOTTASK_SRCS := roottask/main.c roottask/vmm_launch.c roottask/display.c roottask/system.c \
	roottask/supervisor.c roottask/channels.c \
	lib/fdt.c
VMM_SRCS := vmm/main.c vmm/linux_boot.c vmm/elf_boot.c vmm/bulk_copy.c vmm/fdt_edit.c vmm/vgic_dist.c vmm/pl011.c \
	vmm/psci.c vmm/console.c vmm/ratelimit.c vmm/framebuffer.c vmm/channel.c vmm/virtqueue.c \
	vmm/virtio_mmio.c vmm/virtio_console.c vmm/bench_device.c vmm/pv_cpu.c lib/fdt.c
user-objs = $(patsubst %,$(O)/user/obj/%.o,$(basename $(1)))

$(O)/user/obj/%.o: %.c $(GEN)/autoconf.h $(GEN)/board.h
	@mkdir -p $(dir $@)
	@echo "  CC      $< (user)"
	$(Q)$(CC) $(USER_CPPFLAGS) $(USER_CFLAGS) -c -o $@ $<
$(O)/user/obj/%.o: %.S $(GEN)/autoconf.h
	@mkdir -p $(dir $@)
	@echo "  AS      $< (user)"
	$(Q)$(CC) $(USER_CPPFLAGS) $(ASFLAGS) -c -o $@ $<

$(O)/user/roottask.elf: $(call user-objs,$(LIBL4_SRCS) $(ROOTTASK_SRCS)) libl4/user.lds
	@echo "  LD      $@"
	$(Q)$(CC) $(ARCH_FLAGS) $(LDFLAGS) -T libl4/user.lds -o $@ \
		$(call user-objs,$(LIBL4_SRCS) $(ROOTTASK_SRCS)) $(LIBGCC)

$(O)/user/vmm.elf: $(call user-objs,$(LIBL4_SRCS) $(VMM_SRCS)) libl4/user.lds
	@echo "  LD      $@"
	$(Q)$(CC) $(ARCH_FLAGS) $(LDFLAGS) -T libl4/user.lds -o $@ \
		$(call user-objs,$(LIBL4_SRCS) $(VMM_SRCS)) $(LIBGCC)

$(O)/guest/linux-a15.dtb: dts/guests/linux-a15.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

# The guest's board for a native boot (bench-boot's baseline on the same
# devices): without the PSCI node, as QEMU's vexpress-a15 has no PSCI firmware.
$(O)/guest/linux-a15-native.dtb: $(O)/guest/linux-a15.dtb
	$(Q)cp $< $@ && fdtput -r $@ /psci

# The boot archive linked into the kernel image: the root task and, with
# CONFIG_GUEST_LINUX, the VMM and the Linux guest's images.
ARCHIVE_FILES := roottask
ARCHIVE_DEPS := $(O)/user/roottask.elf
ifeq ($(CONFIG_GUEST_LINUX),y)
ARCHIVE_FILES += system.dtb vmm linux linux/zImage linux/guest.dtb linux/initramfs.cpio.gz \
	rtos rtos/rtos.elf rtos/guest.dtb
ARCHIVE_DEPS += $(O)/user/vmm.elf $(GUEST_O)/zImage $(GUEST_O)/initramfs.cpio.gz \
	$(O)/guest/linux-a15.dtb $(O)/system.dtb $(O)/rtos/rtos.elf $(O)/rtos/rtos-guest.dtb
endif
# On the SVC kernel (the A9): the RTOS alone, paravirtualized, under the VMM.
ifeq ($(CONFIG_GUEST_RTOS),y)
ARCHIVE_FILES += system.dtb vmm rtos rtos/rtos.elf rtos/guest.dtb
ARCHIVE_DEPS += $(O)/user/vmm.elf $(O)/system.dtb $(O)/rtos/rtos.elf $(O)/rtos/rtos-a9.dtb
SYSTEM_DTS ?= dts/system/rtos-a9.dts
endif

# The system description: Linux's bootargs and RAM come from Kconfig; the
# result is checked before it goes into the archive. SYSTEM_DTS is the
# system tern.elf starts; tern-linux.elf (bench-boot) starts Linux alone.
SYSTEM_DTS ?= dts/system/handset.dts
define linux_in_system
	$(Q)extra=$$(fdtget -t s $@.tmp /guests/linux bootargs-extra 2>/dev/null); \
		fdtput -t s $@.tmp /guests/linux bootargs \
			"$$(printf '%s' $(CONFIG_GUEST_LINUX_BOOTARGS))$${extra:+ $$extra}"
	$(Q)fdtput -t u $@.tmp /guests/linux ram-mib $(CONFIG_GUEST_LINUX_RAM_MIB)
endef
define compile_system
	@echo "  DTC     $<"
	$(Q)dtc -q -I dts -O dtb -o $@.tmp $<
	$(if $(filter y,$(CONFIG_GUEST_LINUX)),$(linux_in_system))
	$(Q)$(PYTHON) scripts/check_system.py $@.tmp $(addprefix --archive-file ,$(ARCHIVE_FILES))
	$(Q)mv $@.tmp $@
endef
$(O)/system.dtb: $(SYSTEM_DTS) scripts/check_system.py $(KCONFIG_CONFIG) Makefile
	$(compile_system)
$(O)/system-linux.dtb: dts/system/linux.dts scripts/check_system.py $(KCONFIG_CONFIG) Makefile
	$(compile_system)
$(O)/archive.cpio: $(ARCHIVE_DEPS)
	@echo "  CPIO    $@"
	$(Q)rm -rf $(O)/archive && mkdir -p $(O)/archive
	$(Q)cp $(O)/user/roottask.elf $(O)/archive/roottask
ifeq ($(CONFIG_GUEST_LINUX),y)
	$(Q)cp $(O)/user/vmm.elf $(O)/archive/vmm
	$(Q)mkdir -p $(O)/archive/linux
	$(Q)cp $(GUEST_O)/zImage $(GUEST_O)/initramfs.cpio.gz $(O)/archive/linux/
	$(Q)cp $(O)/guest/linux-a15.dtb $(O)/archive/linux/guest.dtb
	$(Q)cp $(O)/system.dtb $(O)/archive/system.dtb
	$(Q)mkdir -p $(O)/archive/rtos
	$(Q)cp $(O)/rtos/rtos.elf $(O)/archive/rtos/rtos.elf
	$(Q)cp $(O)/rtos/rtos-guest.dtb $(O)/archive/rtos/guest.dtb
endif
ifeq ($(CONFIG_GUEST_RTOS),y)
	$(Q)cp $(O)/user/vmm.elf $(O)/archive/vmm
	$(Q)cp $(O)/system.dtb $(O)/archive/system.dtb
	$(Q)mkdir -p $(O)/archive/rtos
	$(Q)cp $(O)/rtos/rtos.elf $(O)/archive/rtos/rtos.elf
	$(Q)cp $(O)/rtos/rtos-a9.dtb $(O)/archive/rtos/guest.dtb
endif
	$(Q)cd $(O)/archive && printf '%s\n' $(ARCHIVE_FILES) | cpio --quiet -o -H newc > ../archive.cpio
$(O)/obj/kernel/boot_archive.o: $(O)/archive.cpio
$(O)/linux-archive.cpio: $(O)/archive.cpio $(O)/system-linux.dtb
	$(Q)rm -rf $(O)/linux-archive && cp -a $(O)/archive $(O)/linux-archive
	$(Q)cp $(O)/system-linux.dtb $(O)/linux-archive/system.dtb
	$(Q)cd $(O)/linux-archive && printf '%s\n' $(ARCHIVE_FILES) | cpio --quiet -o -H newc > ../linux-archive.cpio

-include $(patsubst %.o,%.d,$(call user-objs,$(LIBL4_SRCS) $(ROOTTASK_SRCS) $(VMM_SRCS)))

# image_with_archive NAME: $(O)/tern-NAME.elf, the kernel with the boot
# archive $(O)/NAME-archive.cpio.
define image_with_archive
$(O)/obj/kernel/boot_archive_$(1).o: kernel/boot_archive.S $(O)/$(1)-archive.cpio $$(GEN)/autoconf.h
	$$(Q)$$(CC) $$(CPPFLAGS) -UBOOT_ARCHIVE -DBOOT_ARCHIVE='"$(O)/$(1)-archive.cpio"' \
		$$(ASFLAGS) -c -o $$@ $$<
$(O)/tern-$(1).elf: $$(filter-out $(O)/obj/kernel/boot_archive.o,$$(OBJS)) \
		$(O)/obj/kernel/boot_archive_$(1).o $(O)/kernel.lds
	@echo "  LD      $$@"
	$$(Q)$$(CC) $$(ARCH_FLAGS) $$(LDFLAGS) -T $(O)/kernel.lds -o $$@ $$(filter %.o,$$^) $$(LIBGCC)
endef

$(eval $(call image_with_archive,linux))

# Other images: the same kernel with another root task (the kernel test
# suite, the benchmarks). $(1): name, $(2): the root task's sources.
define roottask_image
$(O)/user/$(1).elf: $$(call user-objs,$$(LIBL4_SRCS) $(2)) libl4/user.lds
	@echo "  LD      $$@"
	$$(Q)$$(CC) $$(ARCH_FLAGS) $$(LDFLAGS) -T libl4/user.lds -o $$@ \
		$$(call user-objs,$$(LIBL4_SRCS) $(2)) $$(LIBGCC)
$(O)/$(1)-archive.cpio: $(O)/user/$(1).elf
	$$(Q)rm -rf $(O)/$(1)-archive && mkdir -p $(O)/$(1)-archive
	$$(Q)cp $$< $(O)/$(1)-archive/roottask
	$$(Q)cd $(O)/$(1)-archive && printf 'roottask\n' | cpio --quiet -o -H newc > ../$(1)-archive.cpio
$$(eval $$(call image_with_archive,$(1)))
-include $$(patsubst %.o,%.d,$$(call user-objs,$(2)))
endef

KTEST_SRCS := $(wildcard tests/kernel/*.c) tests/common/remote_space.c
BENCH_SRCS := $(wildcard tests/bench/*.c) tests/common/remote_space.c
$(eval $(call roottask_image,ktest,$(KTEST_SRCS)))
$(eval $(call roottask_image,bench,$(BENCH_SRCS)))
include tests/fuzz/fuzz.mk

# The suite runs on the kernel as configured and, for the IPC slow path,
# on the same kernel without the fastpath, both with the invariant checker
# the fuzz test calls (configs/fragments/kernel-test*.config).
# The no-fastpath run also starts from Secure SVC (QEMU secure=on): on HYP
# the switch to HYP through Monitor mode, and a CPU on which SMC traps to
# HYP; on SVC (vexpress-a9, whose machine flags do not say secure=) a
# kernel that stays in Secure SVC, the first run's in Non-secure SVC.
# On SVC the suite leaves out what needs HYP (VCPUs, guest VSpaces) and
# says so; run.py counts those as skipped.
comma := ,
ktest-first-machine = $(QEMU_MACHINE)$(if $(findstring secure=,$(QEMU_MACHINE)),,$(comma)secure=off)
KTEST_QEMU_FLAGS = $(subst -M $(QEMU_MACHINE) ,-M $(ktest-first-machine) ,$(QEMU_FLAGS))
test-kernel: $(KCONFIG_CONFIG)
	$(call variant-build,$(O)/ktest,configs/fragments/kernel-test.config,$(O)/ktest/tern-ktest.elf)
	$(call variant-build,$(O)/no-fastpath,configs/fragments/kernel-test-no-fastpath.config,$(O)/no-fastpath/tern-ktest.elf)
	$(Q)$(PYTHON) tests/kernel/run.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(KTEST_QEMU_FLAGS)" --elf $(O)/ktest/tern-ktest.elf \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/kernel-$(BOARD).txt)
	$(Q)$(PYTHON) tests/kernel/run.py --board $(BOARD)-no-fastpath --qemu "$(QEMU)" \
		--qemu-flags "$(subst secure=off,secure=on,$(KTEST_QEMU_FLAGS))" \
		--elf $(O)/no-fastpath/tern-ktest.elf \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/kernel-$(BOARD)-no-fastpath.txt)

# IPC costs in executed instructions: QEMU's -icount shift=0 makes the cycle
# counter count instructions exactly.
# The same benchmark on a kernel without the fastpath, for comparison.
# Both are built with the performance monitor open to user space
# (configs/fragments/bench.config).
# The A9 (SVC) has no working cycle counter: the bench reads a timer there
# (tests/bench/bench.c), with sleep=off so that an idle CPU cannot move its
# phase by host time. Then the other boards of BENCH_IPC_BOARDS, each in
# $(O)/bench-ipc-BOARD, and one table of them all in $(O)/bench-ipc (make
# test runs each board alone: BENCH_IPC_BOARDS=).
BENCH_IPC_BOARDS ?= vexpress-a9 vexpress-a15
BENCH_IPC_OTHERS = $(filter-out $(BOARD),$(BENCH_IPC_BOARDS))
bench-ipc: bench-images
	$(Q)$(PYTHON) tests/bench/run.py --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS) -icount shift=0$(if $(CONFIG_ARM_SVC),$(comma)sleep=off)" \
		--elf $(O)/bench/tern-bench.elf --arch $(if $(CONFIG_ARM_SVC),svc,hyp) \
		--elf-slowpath $(O)/bench-no-fastpath/tern-bench.elf --out $(O)/bench-ipc \
		--board $(BOARD) $(if $(TEST_RESULTS),--results $(TEST_RESULTS)/bench-ipc-$(BOARD).txt)
	$(Q)$(if $(BENCH_IPC_OTHERS),for b in $(BENCH_IPC_OTHERS); do \
		rm -f $(O)/bench-ipc-$$b/bench-ipc/figures.json; \
		$(MAKE) --no-print-directory O=$(O)/bench-ipc-$$b $${b}_defconfig >/dev/null && \
		$(MAKE) --no-print-directory O=$(O)/bench-ipc-$$b bench-ipc BENCH_IPC_BOARDS= || \
			echo "bench-ipc: $$b did not run to the end (its column reads 'not run')"; \
	done; \
	$(PYTHON) tests/bench/run.py --out $(O)/bench-ipc --combine $(BOARD)=$(O)/bench-ipc/figures.json \
		$(foreach b,$(BENCH_IPC_OTHERS),--combine $(b)=$(O)/bench-ipc-$(b)/bench-ipc/figures.json),true)
.PHONY: bench-images
bench-images: $(KCONFIG_CONFIG)
	$(call variant-build,$(O)/bench,configs/fragments/bench.config,$(O)/bench/tern-bench.elf)
	$(call variant-build,$(O)/bench-no-fastpath,configs/fragments/bench-no-fastpath.config,$(O)/bench-no-fastpath/tern-bench.elf)

# The Linux guest alone on Tern, with a corrupted zImage and with a
# malformed guest DTB (the VMM must refuse both, naming the problem).
define bad_guest_image
$(O)/$(1)-archive.cpio: $(O)/linux-archive.cpio
	$$(Q)rm -rf $(O)/$(1)-archive && cp -r $(O)/linux-archive $(O)/$(1)-archive
	$$(Q)$(2)
	$$(Q)cd $(O)/$(1)-archive && printf '%s\n' $$(ARCHIVE_FILES) | cpio --quiet -o -H newc > ../$(1)-archive.cpio
$$(eval $$(call image_with_archive,$(1)))
endef
$(eval $(call bad_guest_image,bad-zimage,printf 'XXXX' | dd of=$(O)/bad-zimage-archive/linux/zImage bs=1 seek=36 conv=notrunc status=none))
$(eval $(call bad_guest_image,bad-dtb,printf '\377\377\377\377' | dd of=$(O)/bad-dtb-archive/linux/guest.dtb bs=1 seek=4 conv=notrunc status=none))

# The Linux guest alone (tern-linux.elf): the handset is test-demo's.
test-guest: all $(O)/tern-linux.elf $(O)/tern-bad-zimage.elf $(O)/tern-bad-dtb.elf
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-guest needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_guest.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS)" --elf $(O)/tern-linux.elf \
		--bad-zimage-elf $(O)/tern-bad-zimage.elf --bad-dtb-elf $(O)/tern-bad-dtb.elf \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/guest-$(BOARD).txt)

# The shared display, seen through QEMU's screenshots: its monitor on a
# socket instead of stdio, no window (-display none), the console on stdio.
DISPLAY_QEMU_FLAGS = $(subst -nographic,-display none -serial stdio,$(QEMU_FLAGS))
test-display: all
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-display needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)test "$(BOARD_HAS_CLCD)" = y || { echo "test-display: $(BOARD) has no PL111 CLCD"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_display.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(DISPLAY_QEMU_FLAGS)" --elf $(O)/tern.elf --out $(O)/test-display \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/display-$(BOARD).txt)

# The dual-OS handset as a user sees it: both guests, restarts, screenshots.
# The RTOS wants -icount shift=0,sleep=off (guests/rtos/rtos.mk).
test-demo: all
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-demo needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)test "$(BOARD_HAS_CLCD)" = y || { echo "test-demo: $(BOARD) has no PL111 CLCD"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_demo.py --qemu "$(QEMU)" \
		--qemu-flags "$(DISPLAY_QEMU_FLAGS) -icount shift=0,sleep=off" --elf $(O)/tern.elf \
		--out $(O)/test-demo $(if $(TEST_RESULTS),--results $(TEST_RESULTS)/demo-$(BOARD).txt)

# The RTOS's 1 kHz task beside Linux, idle and busy: lateness in executed
# instructions, held to its budget.
# On vexpress-a9 (CONFIG_GUEST_RTOS) the RTOS is alone, paravirtualized, and
# its counter (the global timer, 100 MHz) ticks every 10 instructions.
bench-rt: all
	$(Q)test "$(CONFIG_GUEST_LINUX)$(CONFIG_GUEST_RTOS)" = y || \
		{ echo "bench-rt needs CONFIG_GUEST_LINUX=y or CONFIG_GUEST_RTOS=y"; exit 1; }
	$(Q)$(PYTHON) tests/bench/rt.py --qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS) -icount shift=0,sleep=off" \
		$(if $(filter y,$(CONFIG_GUEST_RTOS)),--alone --instructions-per-tick 10) \
		--elf $(O)/tern.elf --board $(BOARD) --out $(O)/bench-rt \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/bench-rt-$(BOARD).txt)

# The inter-VM channel between Linux and the RTOS: tern-ctl in Linux's shell
# plays and pauses the RTOS's video, seen in screenshots of its window. The
# RTOS's clock as in test-rtos (guests/rtos/rtos.mk).
CHANNEL_QEMU_FLAGS = $(DISPLAY_QEMU_FLAGS) -icount shift=0,sleep=off
test-channel: all
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-channel needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)test "$(BOARD_HAS_CLCD)" = y || { echo "test-channel: $(BOARD) has no PL111 CLCD"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_channel.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(CHANNEL_QEMU_FLAGS)" --elf $(O)/tern.elf --out $(O)/test-channel \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/channel-$(BOARD).txt)

# Linux boot to init in executed instructions: natively vs. on Tern. The
# native boot on the guest's board has no virtio console (the VMM adds it):
# its console is QEMU's PL011, ttyAMA0 where Tern's guest has hvc0.
GUEST_BOARD_QEMU_FLAGS = -M vexpress-a15,secure=off,virtualization=on -m $(CONFIG_GUEST_LINUX_RAM_MIB) \
	-nographic -kernel $(GUEST_O)/zImage -dtb $(O)/guest/linux-a15-native.dtb \
	-initrd $(GUEST_O)/initramfs.cpio.gz -append $(subst console=hvc0,console=ttyAMA0,$(CONFIG_GUEST_LINUX_BOOTARGS))
bench-boot: all $(O)/tern-linux.elf $(O)/guest/linux-a15-native.dtb
	$(Q)$(if $(filter y,$(CONFIG_GUEST_LINUX)),,echo "bench-boot: needs CONFIG_GUEST_LINUX=y" >&2; exit 1)
	$(Q)$(PYTHON) tests/bench/boot.py --qemu "$(QEMU)" --native-flags '$(NATIVE_QEMU_FLAGS)' \
		--guest-board-flags '$(GUEST_BOARD_QEMU_FLAGS)' \
		--tern-flags "$(QEMU_FLAGS) -kernel $(O)/tern-linux.elf" --out $(O)/bench-boot --board $(BOARD)
# Only the boot on Tern, held to its budget (make test).
bench-boot-budget: all $(O)/tern-linux.elf
	$(Q)$(PYTHON) tests/bench/boot.py --qemu "$(QEMU)" --native-flags '' --guest-board-flags '' \
		--tern-flags "$(QEMU_FLAGS) -kernel $(O)/tern-linux.elf" --out $(O)/bench-boot --board $(BOARD) \
		--tern-only $(if $(TEST_RESULTS),--results $(TEST_RESULTS)/bench-boot-$(BOARD).txt)

# LmBench's rows in the Linux guest, natively vs. on Tern, in one run
# (tests/bench/guest.py): the same zImage on the guest's board, with the
# normal initramfs followed by one that adds /bench/run. LMBENCH=<dir> (a
# user's LmBench source tree, scripts/lmbench_build.sh) adds LmBench's own
# binaries and rows. Both runs and their table in $(O)/bench-guest.
BENCH_GUEST_O := $(O)/bench-guest
LMBENCH ?=
$(BENCH_GUEST_O)/initramfs.cpio.gz: $(GUEST_O)/initramfs.cpio.gz $(GUEST_O)/bench/tern-bench \
		scripts/bench_guest_rootfs.sh tests/bench/guest_run.sh scripts/lmbench_build.sh FORCE
	$(Q)$(if $(LMBENCH),bash scripts/lmbench_build.sh $(LMBENCH) $(BENCH_GUEST_O)/lmbench)
	$(Q)bash scripts/bench_guest_rootfs.sh $< $(BENCH_GUEST_O) $(GUEST_O)/bench/tern-bench \
		$(if $(LMBENCH),$(BENCH_GUEST_O)/lmbench/bin)
$(O)/bench-guest-archive.cpio: $(O)/linux-archive.cpio $(BENCH_GUEST_O)/initramfs.cpio.gz
	$(Q)rm -rf $(O)/bench-guest-archive && cp -a $(O)/linux-archive $(O)/bench-guest-archive
	$(Q)cp $(BENCH_GUEST_O)/initramfs.cpio.gz $(O)/bench-guest-archive/linux/initramfs.cpio.gz
	$(Q)cd $(O)/bench-guest-archive && printf '%s\n' $(ARCHIVE_FILES) | cpio --quiet -o -H newc > ../bench-guest-archive.cpio
$(eval $(call image_with_archive,bench-guest))
BENCH_GUEST_NATIVE_FLAGS = $(subst $(GUEST_O)/initramfs.cpio.gz,$(BENCH_GUEST_O)/initramfs.cpio.gz,$(GUEST_BOARD_QEMU_FLAGS)) \
	-nic none -audiodev none,id=snd0 -global pl041.audiodev=snd0
bench-guest: all $(O)/tern-bench-guest.elf $(O)/guest/linux-a15-native.dtb
	$(Q)$(if $(filter y,$(CONFIG_GUEST_LINUX)),,echo "bench-guest: needs CONFIG_GUEST_LINUX=y" >&2; exit 1)
	$(Q)$(PYTHON) tests/bench/guest.py --qemu "$(QEMU)" --native-flags '$(BENCH_GUEST_NATIVE_FLAGS)' \
		--tern-flags "$(QEMU_FLAGS) -kernel $(O)/tern-bench-guest.elf" --out $(BENCH_GUEST_O) \
		--board $(BOARD) $(if $(TEST_RESULTS),--results $(TEST_RESULTS)/bench-guest-$(BOARD).txt)

# ---------------------------------------------------------------- QEMU
QEMU_MACHINE := $(call unquote,$(CONFIG_QEMU_MACHINE))
QEMU_CPU := $(call unquote,$(CONFIG_QEMU_CPU))
# No network device: Tern drives none, and virt's default NIC wants a ROM
# (efi-virtio.rom) that only a recommended package brings. No sound either
# (vexpress's PL041 would look for host audio modules).
QEMU_FLAGS := -M $(QEMU_MACHINE) $(if $(QEMU_CPU),-cpu $(QEMU_CPU)) -m $(BOARD_RAM_MIB) \
	-nic none -audiodev none,id=snd0 -global pl041.audiodev=snd0 -nographic $(QEMU_EXTRA)

run: all
	@echo "  QEMU    $(BOARD): Ctrl-A X quits"
	$(Q)$(QEMU) $(QEMU_FLAGS) -kernel $(O)/tern.elf

debug: all
	@printf 'file %s\ntarget remote localhost:1234\nset pagination off\n' \
		"$(abspath $(O)/tern.elf)" > $(O)/gdbinit
	@echo "  QEMU    $(BOARD) halted at reset, GDB stub on localhost:1234"
	@echo "          attach from another terminal: gdb-multiarch -x $(O)/gdbinit"
	$(Q)$(QEMU) $(QEMU_FLAGS) -kernel $(O)/tern.elf -s -S

size: all
	$(Q)$(SIZE) -A $(O)/tern.elf

# The board's QEMU command lines start with only what deps.sh installs (no
# recommends); also from Secure state, as test-boot and test-kernel do; on
# virt also test-uboot's (U-Boot as firmware, a virtio network device).
test-deps:
	$(Q)$(PYTHON) tests/deps/check_files.py --no-commands --qemu "$(QEMU)" \
		--qemu-cmd "$(QEMU_FLAGS)" --qemu-cmd "$(subst secure=off,secure=on,$(QEMU_FLAGS))" \
		$(if $(filter virt,$(BOARD)),--qemu-cmd "$(UBOOT_DEPS_QEMU_FLAGS)") \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/deps-$(BOARD).txt --results-name deps-$(BOARD))

# Boot test of the configured board (and the exception report of a test build).
# A kernel in SVC (the Cortex-A9's) has its own: no HYP, no user threads yet.
test-boot: all
ifeq ($(CONFIG_ARM_HYP),y)
	$(call variant-build,$(O)/selftest-undef,configs/fragments/selftest-undef.config,all)
	$(call variant-build,$(O)/selftest-overflow,configs/fragments/selftest-overflow.config,all)
	$(call variant-build,$(O)/release,configs/fragments/release.config,all)
	$(call variant-build,$(O)/heartbeat,configs/fragments/heartbeat.config,all)
	$(Q)$(PYTHON) tests/boot/test_boot.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS)" --ram-mib $(BOARD_RAM_MIB) \
		--elf $(O)/tern.elf --heartbeat-elf $(O)/heartbeat/tern.elf \
		--undef-elf $(O)/selftest-undef/tern.elf --overflow-elf $(O)/selftest-overflow/tern.elf \
		--elf-user $(O)/user/roottask.elf --release-elf $(O)/release/tern.elf \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/boot-$(BOARD).txt)
else
	$(call variant-build,$(O)/selftest-undef,configs/fragments/selftest-undef.config,all)
	$(call variant-build,$(O)/selftest-overflow,configs/fragments/selftest-overflow.config,all)
	$(call variant-build,$(O)/heartbeat,configs/fragments/heartbeat.config,all)
	$(call variant-build,$(O)/release,configs/fragments/release.config,all)
	$(Q)$(PYTHON) tests/boot/test_boot_svc.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS)" --ram-mib $(BOARD_RAM_MIB) \
		--heartbeat-elf $(O)/heartbeat/tern.elf --release-elf $(O)/release/tern.elf \
		--undef-elf $(O)/selftest-undef/tern.elf --overflow-elf $(O)/selftest-overflow/tern.elf \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/boot-$(BOARD).txt)
endif

include scripts/uboot/uboot.mk
endif

include guests/linux.mk
include guests/hostile/hostile.mk
include guests/exitbench/exitbench.mk
include guests/rtos/rtos.mk

# ---------------------------------------------------------------- host tests
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Ilibl4/include \
	-Ilib/include -Ikernel/include -Iarch/arm/include -Ivmm -Itests/unit -DHOST_TEST -fsanitize=address,undefined
UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
unit-src-fdt := lib/fdt.c
unit-src-hwdesc := lib/fdt.c kernel/hw/hwdesc.c
unit-src-printf := lib/printf.c
unit-src-memregion := kernel/boot/memregion.c
unit-src-bits :=
unit-src-msginfo :=
unit-src-cdt := kernel/object/cdt.c
unit-src-untyped := kernel/object/untyped.c arch/arm/hyp/object/types.c
unit-src-ready_queue := kernel/sched/ready_queue.c
unit-src-cspace := kernel/object/cspace.c
unit-src-cpio := lib/cpio.c
unit-src-elf := lib/elf.c
unit-src-vmid_pool := kernel/lib/vmid_pool.c
unit-src-vmm_devices := vmm/vgic_dist.c vmm/pl011.c vmm/psci.c vmm/console.c vmm/ratelimit.c
unit-src-fdt_edit := vmm/fdt_edit.c lib/fdt.c
unit-src-virtio := vmm/virtqueue.c vmm/virtio_mmio.c vmm/virtio_console.c vmm/fdt_edit.c \
	lib/fdt.c lib/printf.c
unit-src-elf_boot := vmm/elf_boot.c vmm/linux_boot.c vmm/bulk_copy.c vmm/fdt_edit.c lib/fdt.c lib/elf.c \
	lib/printf.c
unit-src-decode_ldst := arch/arm/pv/decode_ldst.c
unit-src-decode_cp := arch/arm/pv/decode_cp.c
unit-src-guest_walk := arch/arm/pv/guest_walk.c
unit-src-vcpu_pure := # a header of static functions
$(O)/host/test_vcpu_pure: arch/arm/pv/vcpu_pure.h
unit-src-string := # included by the test under other names
unit-src-svc_vspace := # included by the test, with stand-ins for memory.h, sysreg.h and asid.h
$(O)/host/test_svc_vspace: arch/arm/svc/mm/vspace.c arch/arm/svc/mm/vspace_walk.c \
	arch/arm/svc/object/types.c \
	$(wildcard arch/arm/svc/mm/*.h arch/arm/include/arch/*.h)
unit-src-system_desc := roottask/system.c lib/fdt.c lib/printf.c
$(O)/host/test_system_desc: roottask/system.h
# Tests written in Python (TAP on stdout, counted with the programs above).
UNIT_SCRIPTS := tests/unit/test_check_system.py
$(O)/host/test_string: lib/string.c
UNIT_DTBS := $(patsubst tests/unit/dts/%.dts,$(O)/host/dtb/%.dtb,$(wildcard tests/unit/dts/*.dts)) \
	$(patsubst dts/%.dts,$(O)/host/dtb/board-%.dtb,$(wildcard dts/*.dts)) \
	$(patsubst dts/guests/%.dts,$(O)/host/dtb/guest-%.dtb,$(wildcard dts/guests/*.dts)) \
	$(patsubst dts/system/%.dts,$(O)/host/dtb/system/%.dtb,$(wildcard dts/system/*.dts)) \
	$(patsubst tests/unit/system/%.dts,$(O)/host/dtb/system/%.dtb,$(wildcard tests/unit/system/*.dts))

$(O)/host/test_%: tests/unit/test_%.c $$(unit-src-$$*) $(wildcard kernel/include/tern/*.h lib/include/tern/*.h)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -o $@ $< $(unit-src-$*) -lcmocka

# A sample ARM executable for the ELF reader's tests.
$(O)/host/sample.elf: tests/unit/data/sample_program.c
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_COMPILE)gcc -marm -O1 -nostdlib -static -ffreestanding -Wl,-Ttext=0x10000 \
		-Wl,--build-id=none -o $@ $<

# A sample boot archive written by the real cpio tool.
$(O)/host/test.cpio:
	$(Q)rm -rf $(O)/host/cpio-src && mkdir -p $(O)/host/cpio-src/dir
	$(Q)printf 'hello\n' > $(O)/host/cpio-src/hello.txt
	$(Q)printf '12345' > $(O)/host/cpio-src/dir/five.bin
	$(Q)cd $(O)/host/cpio-src && printf 'hello.txt\ndir\ndir/five.bin\n' | \
		cpio --quiet -o -H newc > ../test.cpio

$(O)/host/dtb/board-%.dtb: dts/%.dts
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<
$(O)/host/dtb/guest-%.dtb: dts/guests/%.dts
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<
$(O)/host/dtb/%.dtb: tests/unit/dts/%.dts
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<
# System descriptions: the shipped ones as written (without the build's
# Kconfig values) and the fixtures, each a change to base.dtsi.
$(O)/host/dtb/system/%.dtb: dts/system/%.dts
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<
$(O)/host/dtb/system/%.dtb: tests/unit/system/%.dts tests/unit/system/base.dtsi
	@mkdir -p $(dir $@)
	$(Q)dtc -q -I dts -O dtb -o $@ $<


# The A9 load/store decoder's cases, each word judged by objdump's disassembly.
$(O)/host/ldst_cases.txt: tests/unit/ldst_crosscheck.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) $< $@

test-unit: deps-quiet $(addprefix $(O)/host/test_,$(UNIT_TESTS)) $(UNIT_DTBS) $(O)/host/test.cpio $(O)/host/sample.elf \
		$(O)/host/ldst_cases.txt
	$(Q)$(PYTHON) tests/unit/run.py --data-dir $(O)/host \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/unit.txt) \
		$(addprefix $(O)/host/test_,$(UNIT_TESTS)) $(UNIT_SCRIPTS)

# ---------------------------------------------------------------- everything
# Each board is built in its own directory so the user's $(O)/.config stays.
test: deps
	$(Q)rm -rf $(O)/test-results && mkdir -p $(O)/test-results
	$(Q)$(MAKE) --no-print-directory test-unit TEST_RESULTS=$(abspath $(O))/test-results || true
	$(Q)test -f $(O)/test-results/unit.txt || \
		echo "unit tests did not run to the end" >> $(O)/test-results/errors
	$(Q)$(PYTHON) tests/deps/check_files.py --qemu "$(QEMU)" --qemu-cmd '$(NATIVE_QEMU_FLAGS)' \
		--results $(abspath $(O))/test-results/deps.txt || true
	$(Q)test -f $(O)/test-results/deps.txt || \
		echo "deps check did not run to the end" >> $(O)/test-results/errors
	$(Q)for b in $(TEST_BOARDS); do \
		$(MAKE) --no-print-directory O=$(O)/test-$$b $${b}_defconfig >/dev/null && \
		$(MAKE) --no-print-directory O=$(O)/test-$$b test-boot \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/boot-$$b.txt || \
			echo "boot test on $$b did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-$$b test-deps \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/deps-$$b.txt || \
			echo "deps check on $$b did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-$$b test-kernel \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		for r in kernel-$$b kernel-$$b-no-fastpath; do test -f $(O)/test-results/$$r.txt || \
			echo "$$r tests did not run to the end" >> $(O)/test-results/errors; done; \
		$(MAKE) --no-print-directory O=$(O)/test-$$b test-guest \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/guest-$$b.txt || \
			echo "Linux guest test on $$b did not run to the end" >> $(O)/test-results/errors; \
		if [ $$b = virt ]; then \
			$(MAKE) --no-print-directory O=$(O)/test-$$b test-uboot \
				TEST_RESULTS=$(abspath $(O))/test-results; \
			test -f $(O)/test-results/uboot-$$b.txt || \
				echo "U-Boot boot test on $$b did not run to the end" >> $(O)/test-results/errors; \
		fi; \
		$(MAKE) --no-print-directory O=$(O)/test-$$b test-hostile \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/hostile-$$b.txt || \
			echo "hostile guest test on $$b did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-$$b test-rtos \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/rtos-$$b.txt || \
			echo "RTOS guest test on $$b did not run to the end" >> $(O)/test-results/errors; \
		if grep -q '^BOARD_HAS_CLCD := y' $(O)/test-$$b/include/generated/board.mk; then \
			$(MAKE) --no-print-directory O=$(O)/test-$$b test-display \
				TEST_RESULTS=$(abspath $(O))/test-results; \
			test -f $(O)/test-results/display-$$b.txt || \
				echo "display test on $$b did not run to the end" >> $(O)/test-results/errors; \
			$(MAKE) --no-print-directory O=$(O)/test-$$b test-demo \
				TEST_RESULTS=$(abspath $(O))/test-results; \
			test -f $(O)/test-results/demo-$$b.txt || \
				echo "handset demo test on $$b did not run to the end" >> $(O)/test-results/errors; \
			$(MAKE) --no-print-directory O=$(O)/test-$$b test-channel \
				TEST_RESULTS=$(abspath $(O))/test-results; \
			test -f $(O)/test-results/channel-$$b.txt || \
				echo "inter-VM channel test on $$b did not run to the end" >> $(O)/test-results/errors; \
			$(MAKE) --no-print-directory O=$(O)/test-$$b bench-rt \
				TEST_RESULTS=$(abspath $(O))/test-results; \
			test -f $(O)/test-results/bench-rt-$$b.txt || \
				echo "bench-rt on $$b did not run to the end" >> $(O)/test-results/errors; \
		fi; \
		for r in bench-ipc bench-exit bench-boot-budget; do \
			$(MAKE) --no-print-directory O=$(O)/test-$$b $$r TEST_RESULTS=$(abspath $(O))/test-results \
				BENCH_IPC_BOARDS=; \
		done; \
		for r in bench-ipc bench-exit bench-boot; do test -f $(O)/test-results/$$r-$$b.txt || \
			echo "$$r budget check on $$b did not run to the end" >> $(O)/test-results/errors; done; \
		if [ $$b = vexpress-a15 ]; then \
			$(MAKE) --no-print-directory O=$(O)/test-$$b bench-guest LMBENCH= \
				TEST_RESULTS=$(abspath $(O))/test-results; \
			test -f $(O)/test-results/bench-guest-$$b.txt || \
				echo "bench-guest budget check on $$b did not run to the end" >> $(O)/test-results/errors; \
		fi; \
	done
	$(Q)$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 vexpress-a9_defconfig >/dev/null && \
		$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 test-boot \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/boot-vexpress-a9.txt || \
			echo "boot test on vexpress-a9 did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 test-kernel \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		for r in kernel-vexpress-a9 kernel-vexpress-a9-no-fastpath; do \
			test -f $(O)/test-results/$$r.txt || \
			echo "$$r tests did not run to the end" >> $(O)/test-results/errors; done; \
		$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 bench-ipc BENCH_IPC_BOARDS= \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/bench-ipc-vexpress-a9.txt || \
			echo "bench-ipc budget check on vexpress-a9 did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 test-rtos \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/rtos-vexpress-a9.txt || \
			echo "RTOS guest test on vexpress-a9 did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 bench-rt \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/bench-rt-vexpress-a9.txt || \
			echo "bench-rt on vexpress-a9 did not run to the end" >> $(O)/test-results/errors; \
		$(MAKE) --no-print-directory O=$(O)/test-vexpress-a9 bench-exit \
			TEST_RESULTS=$(abspath $(O))/test-results; \
		test -f $(O)/test-results/bench-exit-vexpress-a9.txt || \
			echo "bench-exit budget check on vexpress-a9 did not run to the end" >> $(O)/test-results/errors
	$(Q)$(MAKE) --no-print-directory test-native TEST_RESULTS=$(abspath $(O))/test-results || true
	$(Q)test -f $(O)/test-results/native-linux.txt || \
		echo "native Linux boot test did not run to the end" >> $(O)/test-results/errors
	$(Q)$(PYTHON) tests/summary.py $(O)/test-results

# Every benchmark on every board, each board in $(O)/bench-BOARD, and one
# report of them all: $(O)/bench/report.md with the charts beside it. A
# benchmark that fails or is not there (bench-guest, until it is merged)
# is marked missing in the report.
bench: deps
	$(Q)for b in $(TEST_BOARDS); do \
		$(MAKE) --no-print-directory O=$(O)/bench-$$b $${b}_defconfig >/dev/null && \
		for r in bench-ipc bench-exit bench-boot bench-guest; do \
			if $(MAKE) -n --no-print-directory O=$(O)/bench-$$b $$r >/dev/null 2>&1; then \
				$(MAKE) --no-print-directory O=$(O)/bench-$$b $$r BENCH_IPC_BOARDS= || \
					echo "bench: $$r on $$b failed"; \
			else echo "bench: there is no $$r target"; fi; \
		done; \
	done
	$(Q)$(PYTHON) tests/bench/report.py --out $(O)/bench \
		$(foreach b,$(TEST_BOARDS),--board $(b)=$(O)/bench-$(b))

# The dual-OS handset: a QEMU window where there is a display, else headless
# with a screenshot every few seconds in $(O)/demo/ (DEMO_SECONDS=n ends it).
DEMO_SECONDS ?= 0
demo: deps
	$(Q)if [ -n "$$DISPLAY" ]; then bash $(DEPS) display; fi
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(PYTHON) scripts/demo.py --qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS)" --elf $(O)/tern.elf \
		--out $(O)/demo --seconds $(DEMO_SECONDS)

clean:
	rm -rf $(O)/obj $(O)/host $(O)/tern.elf $(O)/kernel.lds $(O)/include $(O)/board.dtb
distclean:
	rm -rf $(O)

help:
	@echo "Tern build targets (objects in O=$(O); V=1 shows full command lines)"
	@echo ""
	@echo "Configuration:"
	@echo "  vexpress-a15_defconfig  configure for QEMU vexpress-a15 (the default)"
	@echo "  virt_defconfig          configure for QEMU virt with a Cortex-A15"
	@echo "  vexpress-a9_defconfig   configure for QEMU vexpress-a9 (Cortex-A9, kernel in SVC)"
	@echo "  menuconfig              change the configuration interactively"
	@echo "  olddefconfig            update .config with defaults for new options"
	@echo "  savedefconfig           write a minimal defconfig to $(O)/defconfig"
	@echo ""
	@echo "Build and run:"
	@echo "  all (default)           build $(O)/tern.elf for the configured board"
	@echo "  run                     boot the configured board in QEMU (Ctrl-A X quits)"
	@echo "  debug                   QEMU halted with a GDB stub; attach with gdb-multiarch -x $(O)/gdbinit"
	@echo "  demo                    install what is missing, build and boot the demo"
	@echo "  size                    section sizes of the kernel"
	@echo "  uboot-image             FIT (tern.itb), legacy uImage and boot.scr in $(O)/uboot/"
	@echo "  sdcard                  an SD-card image (MBR, FAT) with boot.scr and the FIT"
	@echo "  run-uboot               QEMU virt with Debian's U-Boot booting the SD card"
	@echo "                          (SECURE=on: from Secure SVC; UBOOT_FROM=tftp: over the network)"
	@echo ""
	@echo "Tests:"
	@echo "  test                    install, build and run every test on every board"
	@echo "  test-unit               host unit tests (cmocka)"
	@echo "  test-boot               boot test of the configured board in QEMU"
	@echo "  test-kernel             in-QEMU kernel test suite (a test root task)"
	@echo "  fuzz                    the kernel fuzz alone: SEED=n CALLS=m [CHECK_EVERY=k CHECK_FROM=c]"
	@echo "  test-guest              Linux on Tern: boot, shell, files, forks, bad access, poweroff"
	@echo "  test-display            the shared display: Linux's window, the RTOS's untouched (screenshots)"
	@echo "  test-channel            the inter-VM channel: tern-ctl plays/pauses the RTOS's video (screenshots)"
	@echo "  test-deps               the board's QEMU lines need only what deps.sh installs"
	@echo "  test-uboot              virt through U-Boot: SD card (secure off/on), TFTP, damaged FITs"
	@echo "  test-hostile            a hostile guest's seeded campaigns: kernel and VMM survive (guests/hostile)"
	@echo "  test-rtos               the RTOS guest: self-tests, video, 1 kHz task, a bad ELF refused (guests/rtos);"
	@echo "                          on vexpress-a9 paravirtualized, its video in CLCD screenshots"
	@echo "  run-rtos                boot Tern with the RTOS guest (QEMU -icount shift=0,sleep=off)"
	@echo "  bench-ipc               IPC costs in executed instructions (QEMU -icount)"
	@echo "  bench-exit              what one guest exit costs: MMIO, HVC round trips (QEMU -icount)"
	@echo "  bench-boot              Linux boot to init, native vs. on Tern (QEMU -icount)"
	@echo "  bench-guest             LmBench's rows in the Linux guest, native vs. on Tern"
	@echo "                          (LMBENCH=<dir>: also the real LmBench's, built from <dir>)"
	@echo "  bench                   every benchmark on every board: $(O)/bench/report.md"
	@echo ""
	@echo "Linux guest:"
	@echo "  linux                   build Debian's linux-source-6.1 zImage (patches, config fragment)"
	@echo "  guest-rootfs            the guest initramfs (busybox-static:armhf, init)"
	@echo "  run-native              boot that zImage and initramfs natively on QEMU vexpress-a15"
	@echo "  test-native             boot test of the native baseline"
	@echo ""
	@echo "Other:"
	@echo "  deps                    install missing Debian packages (scripts/deps.sh)"
	@echo "                          (scripts/deps.sh --verify: they provide every file the project uses)"
	@echo "  clean / distclean       remove objects / the whole $(O) directory"
