# SPDX-License-Identifier: MIT
# The exit benchmark (guests/exitbench/): a bare-metal guest that the real
# VMM boots in place of Linux's zImage, on a kernel built with the cycle
# counter open to every thread (configs/fragments/bench-exit.config), and
# bench-exit, which runs it under QEMU -icount shift=0,sleep=off (an idle
# CPU skips to the next deadline: no host time in the clocks) and checks its
# figures against tests/bench/budget.txt. Included by the Makefile after
# guests/linux.mk; it needs a configured board and image_with_archive.

ifeq ($(need_config),1)

.PHONY: bench-exit exitbench-image

EXITBENCH_DIR := guests/exitbench
EXITBENCH_O := $(O)/exitbench
EXITBENCH_SRCS := $(addprefix $(EXITBENCH_DIR)/,start.S main.c)
EXITBENCH_OBJS := $(patsubst %,$(EXITBENCH_O)/obj/%.o,$(basename $(EXITBENCH_SRCS)))
EXITBENCH_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) -MMD -MP

$(EXITBENCH_O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (exit benchmark guest)"
	$(Q)$(CC) $(EXITBENCH_CPPFLAGS) $(USER_CFLAGS) -c -o $@ $<
$(EXITBENCH_O)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $< (exit benchmark guest)"
	$(Q)$(CC) $(EXITBENCH_CPPFLAGS) $(ASFLAGS) -c -o $@ $<

$(EXITBENCH_O)/exitbench.elf: $(EXITBENCH_OBJS) $(EXITBENCH_DIR)/exitbench.lds
	@echo "  LD      $@"
	$(Q)$(CC) $(ARCH_FLAGS) $(LDFLAGS) -T $(EXITBENCH_DIR)/exitbench.lds -o $@ $(EXITBENCH_OBJS) $(LIBGCC)
$(EXITBENCH_O)/zImage: $(EXITBENCH_O)/exitbench.elf
	$(Q)$(OBJCOPY) -O binary $< $@

# The archive: Linux's system description, the guest as linux/zImage, and
# its DTB with the node that switches on the VMM's bench device.
$(O)/exitbench-archive.cpio: $(O)/user/roottask.elf $(O)/user/vmm.elf $(EXITBENCH_O)/zImage \
		$(O)/guest/linux-a15.dtb $(O)/system-linux.dtb
	$(Q)rm -rf $(O)/exitbench-archive && mkdir -p $(O)/exitbench-archive/linux
	$(Q)cp $(O)/user/roottask.elf $(O)/exitbench-archive/roottask
	$(Q)cp $(O)/user/vmm.elf $(O)/exitbench-archive/vmm
	$(Q)cp $(O)/system-linux.dtb $(O)/exitbench-archive/system.dtb
	$(Q)cp $(EXITBENCH_O)/zImage $(O)/exitbench-archive/linux/zImage
	$(Q)cp $(O)/guest/linux-a15.dtb $(O)/exitbench-archive/linux/guest.dtb
	$(Q)fdtput -c $(O)/exitbench-archive/linux/guest.dtb /bench
	$(Q)fdtput -t s $(O)/exitbench-archive/linux/guest.dtb /bench compatible tern,bench-device
	$(Q)cd $(O)/exitbench-archive && printf '%s\n' roottask system.dtb vmm linux linux/zImage \
		linux/guest.dtb | cpio --quiet -o -H newc > ../exitbench-archive.cpio
$(eval $(call image_with_archive,exitbench))

exitbench-image: $(O)/tern-exitbench.elf

# The A9 (SVC kernel, paravirtualized VCPU): the real VMM does not run
# there yet, so its exit benchmark is a root task that builds the guest and
# is its minimal VMM (tests/bench/exit_svc/), timed by the SP804. Its
# kernel ticks at 10 Hz (configs/fragments/bench-exit-svc.config): a tick
# inside a row shifts the phases its exact sums of intervals rely on.
EXITSVC_SRCS := tests/bench/exit_svc/main.c tests/bench/exit_svc/guest.S
$(eval $(call roottask_image,exitsvc,$(EXITSVC_SRCS)))

ifeq ($(CONFIG_ARM_SVC),y)
bench-exit: $(KCONFIG_CONFIG)
	$(call variant-build,$(O)/bench-exit,configs/fragments/bench-exit-svc.config,$(O)/bench-exit/tern-exitsvc.elf)
	$(Q)$(PYTHON) tests/bench/exit.py --arch svc --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS) -icount shift=0,sleep=off" \
		--elf $(O)/bench-exit/tern-exitsvc.elf --board $(BOARD) --out $(O)/bench-exit \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/bench-exit-$(BOARD).txt)
else
bench-exit: $(KCONFIG_CONFIG)
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "bench-exit needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(call variant-build,$(O)/bench-exit,configs/fragments/bench-exit.config,$(O)/bench-exit/tern-exitbench.elf)
	$(Q)$(PYTHON) tests/bench/exit.py --qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS) -icount shift=0,sleep=off" \
		--elf $(O)/bench-exit/tern-exitbench.elf --board $(BOARD) --out $(O)/bench-exit \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/bench-exit-$(BOARD).txt)
endif

-include $(EXITBENCH_OBJS:.o=.d)

endif
