# SPDX-License-Identifier: MIT
# The Linux guest: Debian's linux-source-6.1 with Tern's patches and config
# fragment, cross-built with arm-linux-gnueabihf-gcc; its initramfs; and the
# native baseline boot on QEMU vexpress-a15. Board-independent, so built
# once in $(GUEST_O) whatever O is.

# GUEST_O (build/guest) is set in the Makefile: the boot archive needs it.
LINUX_TARBALL := /usr/src/linux-source-6.1.tar.xz
LINUX_SRC := $(GUEST_O)/linux-source-6.1
LINUX_OUT := $(GUEST_O)/linux-obj
LINUX_PATCHES := $(sort $(wildcard guests/linux-patch/*.patch))
LINUX_APPLIED := $(GUEST_O)/linux-applied-patches
# Tern's files the patches build on, copied into the source tree
LINUX_SHARED := guests/channel/tern_channel.h
LINUX_FRAGMENT := guests/linux-patch/tern.config
LINUX_CC := $(if $(shell command -v ccache),ccache )arm-linux-gnueabihf-gcc
LINUX_MAKE = env -u KCONFIG_CONFIG $(MAKE) --no-print-directory -C $(LINUX_SRC) O=$(abspath $(LINUX_OUT)) ARCH=arm \
	CROSS_COMPILE=arm-linux-gnueabihf- CC="$(LINUX_CC)"
NATIVE_DTB := vexpress-v2p-ca15-tc1.dtb
NATIVE_QEMU_FLAGS := -M vexpress-a15,secure=off,virtualization=on -m 512 -nographic \
	-kernel $(GUEST_O)/zImage -dtb $(GUEST_O)/$(NATIVE_DTB) \
	-initrd $(GUEST_O)/initramfs.cpio.gz -append "console=ttyAMA0 rdinit=/init"

.PHONY: linux guest-rootfs run-native test-native deps-guest

deps-guest:
	$(Q)bash $(DEPS) base guest

# The pristine source, extracted once per tarball.
$(GUEST_O)/.source-stamp: $(LINUX_TARBALL)
	$(Q)rm -rf $(LINUX_SRC) $(LINUX_OUT) $(LINUX_APPLIED) && mkdir -p $(GUEST_O)
	@echo "  LINUX   extracting $(LINUX_TARBALL)"
	$(Q)tar -C $(GUEST_O) -xf $(LINUX_TARBALL)
	$(Q)touch $@

# The patch series on top, brought up to date in place when a patch or a
# shared header changes (the last series undone, the new one applied):
# only the files they touch change, so the rebuild takes minutes, not a
# full build's.
$(GUEST_O)/.patch-stamp: $(GUEST_O)/.source-stamp $(LINUX_PATCHES) $(LINUX_SHARED) scripts/linux_patches.sh
	$(Q)bash scripts/linux_patches.sh $(LINUX_SRC) $(LINUX_APPLIED) -- $(LINUX_PATCHES)
	$(Q)touch $@

# A stamp, not .config itself: a run that stops half-way must not look done.
$(GUEST_O)/.config-stamp: $(GUEST_O)/.patch-stamp $(LINUX_FRAGMENT)
	@echo "  LINUX   vexpress_defconfig + $(LINUX_FRAGMENT)"
	$(Q)mkdir -p $(LINUX_OUT)
	$(Q)$(LINUX_MAKE) vexpress_defconfig >/dev/null
	$(Q)cd $(LINUX_SRC) && env -u KCONFIG_CONFIG ARCH=arm scripts/kconfig/merge_config.sh -m -O $(abspath $(LINUX_OUT)) \
		$(abspath $(LINUX_OUT))/.config $(abspath $(LINUX_FRAGMENT)) >/dev/null
	$(Q)$(LINUX_MAKE) olddefconfig >/dev/null
	$(Q)touch $@

# Rebuilt only when the source, patches or configuration change.
$(GUEST_O)/zImage: $(GUEST_O)/.config-stamp
	@echo "  LINUX   building zImage and device trees ($(LINUX_CC))"
	$(Q)set -o pipefail; $(LINUX_MAKE) -j$(shell nproc) zImage dtbs 2>&1 | \
		$(PYTHON) scripts/progress.py linux $(GUEST_O)/linux-build.log
	$(Q)cp $(LINUX_OUT)/arch/arm/boot/dts/$(NATIVE_DTB) $(GUEST_O)/
	$(Q)cp $(LINUX_OUT)/arch/arm/boot/zImage $@

linux: deps-guest $(GUEST_O)/zImage

# The project's own guest tools: Linux user programs, static, one per file.
GUEST_TOOLS := $(patsubst guests/tools/%.c,$(GUEST_O)/tools/tern-%,$(wildcard guests/tools/*.c))
GUEST_TOOL_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -static -s

$(GUEST_O)/tools/tern-%: guests/tools/%.c
	@echo "  CC      $< (guest tool)"
	$(Q)mkdir -p $(dir $@)
	$(Q)arm-linux-gnueabihf-gcc $(GUEST_TOOL_CFLAGS) -o $@ $<

# tern-bench (make bench-guest) goes only into bench-guest's initramfs: the
# guest everyone boots stays as small, and as fast to boot, as it was.
$(GUEST_O)/bench/tern-bench: guests/bench/bench.c
	@echo "  CC      $< (guest benchmark)"
	$(Q)mkdir -p $(dir $@)
	$(Q)arm-linux-gnueabihf-gcc $(GUEST_TOOL_CFLAGS) -o $@ $<

$(GUEST_O)/initramfs.cpio.gz: scripts/guest_rootfs.sh guests/rootfs/init $(GUEST_TOOLS)
	$(Q)bash scripts/guest_rootfs.sh $(GUEST_O)

guest-rootfs: deps-guest $(GUEST_O)/initramfs.cpio.gz

# The baseline every later comparison is made against: the same zImage and
# initramfs on QEMU directly, with Linux's own vexpress device tree.
run-native: linux guest-rootfs
	@echo "  QEMU    native Linux on vexpress-a15: Ctrl-A X quits"
	$(Q)$(QEMU) $(NATIVE_QEMU_FLAGS)

test-native: linux guest-rootfs
	$(Q)$(PYTHON) tests/guest/test_native.py --qemu "$(QEMU)" --qemu-flags '$(NATIVE_QEMU_FLAGS)' \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/native-linux.txt)
