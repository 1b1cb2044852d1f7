# SPDX-License-Identifier: MIT
# The RTOS guest (guests/rtos/): a small real-time OS built as an ELF
# executable that the VMM loads in place of Linux's zImage; an image of
# Tern whose boot archive has it as the guest; and test-rtos, which boots
# that image under QEMU -icount shift=0 and checks the RTOS's self-tests,
# its video, its 1 kHz task and the VMM's refusal of a bad ELF image.
# Included by the Makefile after guests/hostile/hostile.mk.
#
#   make rtos-image       $(O)/tern-rtos.elf
#   make run-rtos         boots it (Ctrl-A X quits)
#   make test-rtos

ifeq ($(need_config),1)

.PHONY: rtos-image run-rtos test-rtos

RTOS_DIR := guests/rtos
RTOS_O := $(O)/rtos
# The CPU layer: the A15's HYP guest in PL1, or on the SVC kernel (the A9)
# the paravirtual one in USR (arch/pv/, docs/pv-vcpu.md); RTOS_LOAD where
# the VMM puts it: its guest RAM + 64 KiB (vmm/guest_map.h).
ifeq ($(CONFIG_ARM_SVC),y)
RTOS_ARCH_SRCS := arch/pv/start.S arch/pv/upcall.S arch/pv/context.c arch/pv/state.c \
	arch/pv/timer.c arch/pv/hypercall.c arch/pv/halt.c
RTOS_ARCH_CPPFLAGS := -DRTOS_ARCH_PV -Ilibl4/include
RTOS_LOAD := 0x60010000
else
RTOS_ARCH_SRCS := arch/start.S arch/vectors.S arch/switch.S arch/context.c \
	arch/exceptions.c arch/timer.c arch/gic.c arch/hypercall.c
RTOS_ARCH_CPPFLAGS :=
RTOS_LOAD := 0x80010000
endif
RTOS_SRCS := $(addprefix $(RTOS_DIR)/,$(RTOS_ARCH_SRCS) \
	kernel/sched.c kernel/time.c kernel/irq.c kernel/sem.c kernel/queue.c \
	board.c console.c channel.c main.c selftest.c \
	apps/apps.c apps/video.c apps/font.c apps/periodic.c apps/histogram.c apps/stats.c \
	apps/control.c) \
	lib/fdt.c lib/printf.c lib/string.c
RTOS_OBJS := $(patsubst %,$(RTOS_O)/obj/%.o,$(basename $(RTOS_SRCS)))
# A guest, no user program of Tern's: no libl4, no configuration.
RTOS_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-Ilib/include -I$(RTOS_DIR) $(RTOS_ARCH_CPPFLAGS) -MMD -MP
# Time counts executed instructions (one counter tick per 16) and an idle
# CPU's time jumps to its next deadline: lateness figures are instructions
# of Tern and the RTOS, the same every run. With QEMU's default sleep=on,
# idle time follows the host's clock and its timer slack (milliseconds)
# would be measured instead (guests/rtos/README.md).
RTOS_QEMU_FLAGS = $(QEMU_FLAGS) -icount shift=0,sleep=off

$(RTOS_O)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (rtos guest)"
	$(Q)$(CC) $(RTOS_CPPFLAGS) $(USER_CFLAGS) -c -o $@ $<
$(RTOS_O)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $< (rtos guest)"
	$(Q)$(CC) $(RTOS_CPPFLAGS) $(ASFLAGS) -c -o $@ $<

$(RTOS_O)/rtos.elf: $(RTOS_OBJS) $(RTOS_DIR)/rtos.lds
	@echo "  LD      $@"
	$(Q)$(CC) $(ARCH_FLAGS) $(LDFLAGS) -Wl,--defsym=RTOS_LOAD=$(RTOS_LOAD) -T $(RTOS_DIR)/rtos.lds \
		-o $@ $(RTOS_OBJS) $(LIBGCC)

$(RTOS_O)/rtos-a15.dtb: $(RTOS_DIR)/rtos-a15.dts dts/guests/linux-a15.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

# The A9's board: the paravirtual CPU (arch/pv/), no Linux beside it.
$(RTOS_O)/rtos-a9.dtb: $(RTOS_DIR)/rtos-a9.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

# A copy of the RTOS whose first loadable segment claims an address above
# guest RAM: the VMM must refuse it, naming the segment.
$(RTOS_O)/rtos-guest.dtb: $(RTOS_DIR)/rtos-guest.dts dts/guests/linux-a15.dts
	@mkdir -p $(dir $@)
	@echo "  DTC     $<"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

$(RTOS_O)/rtos-outside-ram.elf: $(RTOS_O)/rtos.elf tests/guest/elf_move_segment.py
	$(Q)$(PYTHON) tests/guest/elf_move_segment.py $< $@ 0x90000000

# The RTOS's DTB with its display window moved outside guest RAM: the RTOS
# must refuse the window and run without its video.
$(RTOS_O)/rtos-a15-bad-window.dtb: $(RTOS_O)/rtos-a15.dtb $(RTOS_DIR)/rtos.mk
	$(Q)cp $< $@ && fdtput -t x $@ /framebuffer@87000000 reg 0x87ff0000 0x4b000

ifeq ($(CONFIG_GUEST_RTOS),y)
# The SVC kernel (vexpress-a9): the system `make` builds is the RTOS's
# (dts/system/rtos-a9.dts), so tern.elf is the RTOS image; test-rtos looks
# at its video on the CLCD through QEMU's screenshots (monitor on a socket,
# no window: DISPLAY_QEMU_FLAGS). rtos_pv_image NAME,ELF: tern.elf's
# archive with ELF as the RTOS and DTB as its device tree.
define rtos_pv_image
$(O)/$(1)-archive.cpio: $(O)/archive.cpio $(2) $(3)
	$$(Q)rm -rf $(O)/$(1)-archive && cp -r $(O)/archive $(O)/$(1)-archive
	$$(Q)cp $(2) $(O)/$(1)-archive/rtos/rtos.elf
	$$(Q)cp $(3) $(O)/$(1)-archive/rtos/guest.dtb
	$$(Q)cd $(O)/$(1)-archive && printf '%s\n' $$(ARCHIVE_FILES) | cpio --quiet -o -H newc > ../$(1)-archive.cpio
$$(eval $$(call image_with_archive,$(1)))
endef
# A device tree with a display window of its own, ahead of the VMM's, that
# straddles the end of guest RAM: the RTOS must refuse it.
$(RTOS_O)/rtos-a9-bad-window.dtb: $(RTOS_O)/rtos-a9.dtb $(RTOS_DIR)/rtos.mk
	$(Q)cp $< $@ && fdtput -c $@ /framebuffer@60ff0000 && \
		fdtput -t x $@ /framebuffer@60ff0000 reg 0x60ff0000 0x4b000 && \
		fdtput -t u $@ /framebuffer@60ff0000 width 320 && \
		fdtput -t u $@ /framebuffer@60ff0000 height 240 && \
		fdtput -t u $@ /framebuffer@60ff0000 stride 1280 && \
		fdtput -t s $@ /framebuffer@60ff0000 format a8r8g8b8 && \
		fdtput -t s $@ /framebuffer@60ff0000 compatible simple-framebuffer
$(eval $(call rtos_pv_image,rtos-bad-elf,$(RTOS_O)/rtos-outside-ram.elf,$(RTOS_O)/rtos-a9.dtb))
$(eval $(call rtos_pv_image,rtos-bad-window,$(RTOS_O)/rtos.elf,$(RTOS_O)/rtos-a9-bad-window.dtb))

rtos-image: $(O)/tern.elf

run-rtos: all
	@echo "  QEMU    $(BOARD) with the RTOS guest: Ctrl-A X quits"
	$(Q)$(QEMU) $(RTOS_QEMU_FLAGS) -kernel $(O)/tern.elf

test-rtos: all $(O)/tern-rtos-bad-elf.elf $(O)/tern-rtos-bad-window.elf
	$(Q)test "$(BOARD_HAS_CLCD)" = y || { echo "test-rtos: $(BOARD) has no PL111 CLCD"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_rtos_pv.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(DISPLAY_QEMU_FLAGS) -icount shift=0,sleep=off" --elf $(O)/tern.elf \
		--rtos-elf $(RTOS_O)/rtos.elf --objdump $(CROSS_COMPILE)objdump \
		--bad-elf $(O)/tern-rtos-bad-elf.elf --bad-window-elf $(O)/tern-rtos-bad-window.elf \
		--out $(O)/test-rtos \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/rtos-$(BOARD).txt)

else
# rtos_image NAME,ELF,DTB: $(O)/tern-NAME.elf, whose boot archive has ELF as
# the guest (linux/zImage: the root task's one guest slot) with DTB.
define rtos_image
$(O)/$(1)-archive.cpio: $(O)/user/roottask.elf $(O)/user/vmm.elf $(2) $(3) $(O)/system-linux.dtb
	$$(Q)rm -rf $(O)/$(1)-archive && mkdir -p $(O)/$(1)-archive/linux
	$$(Q)cp $(O)/user/roottask.elf $(O)/$(1)-archive/roottask
	$$(Q)cp $(O)/user/vmm.elf $(O)/$(1)-archive/vmm
	$$(Q)cp $(O)/system-linux.dtb $(O)/$(1)-archive/system.dtb
	$$(Q)cp $(2) $(O)/$(1)-archive/linux/zImage
	$$(Q)cp $(3) $(O)/$(1)-archive/linux/guest.dtb
	$$(Q)cd $(O)/$(1)-archive && printf '%s\n' roottask system.dtb vmm linux linux/zImage \
		linux/guest.dtb | cpio --quiet -o -H newc > ../$(1)-archive.cpio
$$(eval $$(call image_with_archive,$(1)))
endef
$(eval $(call rtos_image,rtos,$(RTOS_O)/rtos.elf,$(RTOS_O)/rtos-a15.dtb))
$(eval $(call rtos_image,rtos-bad-elf,$(RTOS_O)/rtos-outside-ram.elf,$(RTOS_O)/rtos-a15.dtb))
$(eval $(call rtos_image,rtos-bad-window,$(RTOS_O)/rtos.elf,$(RTOS_O)/rtos-a15-bad-window.dtb))

rtos-image: $(O)/tern-rtos.elf

run-rtos: $(O)/tern-rtos.elf
	@echo "  QEMU    $(BOARD) with the RTOS guest: Ctrl-A X quits"
	$(Q)$(QEMU) $(RTOS_QEMU_FLAGS) -kernel $<

test-rtos: $(O)/tern-rtos.elf $(O)/tern-rtos-bad-elf.elf $(O)/tern-rtos-bad-window.elf
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-rtos needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)$(PYTHON) tests/guest/test_rtos.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(RTOS_QEMU_FLAGS)" --elf $(O)/tern-rtos.elf \
		--bad-elf $(O)/tern-rtos-bad-elf.elf --bad-window-elf $(O)/tern-rtos-bad-window.elf \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/rtos-$(BOARD).txt)

endif

-include $(RTOS_OBJS:.o=.d)

endif
