# SPDX-License-Identifier: MIT
# Booting Tern through U-Boot the way a dev board does (included by the
# Makefile with a configured board): the FIT and legacy uImage, the boot
# script, an SD-card image, and QEMU virt with Debian's U-Boot (u-boot-qemu)
# as its firmware. README, "Flashing a board", tells how to use the same
# files with a board's own U-Boot.

UBOOT_O := $(O)/uboot
UBOOT_BIOS := /usr/lib/u-boot/qemu_arm/u-boot.bin
MKIMAGE := mkimage
UBOOT_FILES := $(UBOOT_O)/tern.itb $(UBOOT_O)/tern.uImage $(UBOOT_O)/boot.scr

.PHONY: uboot-image sdcard run-uboot test-uboot uboot-board-check
uboot-image: $(UBOOT_FILES)
	@echo "  UBOOT   $(UBOOT_O)/: tern.itb (FIT), tern.uImage (legacy), boot.scr"
sdcard: $(UBOOT_O)/sdcard.img
	@echo "  SDCARD  $< (write it to a card with dd)"

$(UBOOT_O)/tern.bin: $(O)/tern.elf
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) -O binary $< $@

# The .its and the boot script's source, with the addresses of tern.elf
# (linked at KERNEL_LOAD_ADDR, from the board's device tree).
$(UBOOT_O)/tern.its $(UBOOT_O)/boot.cmd &: $(O)/tern.elf $(UBOOT_O)/tern.bin $(BOARD_DTB) \
		scripts/uboot/make_its.py scripts/uboot/boot.cmd.in
	@echo "  ITS     $(UBOOT_O)/tern.its"
	$(Q)$(PYTHON) scripts/uboot/make_its.py --elf $(O)/tern.elf --bin $(UBOOT_O)/tern.bin \
		--dtb $(BOARD_DTB) --load-addr $(KERNEL_LOAD_ADDR) --board $(BOARD) \
		--dts $(BOARD_DTS) --version "$(TERN_VERSION) ($(GIT_REV))" \
		--boot-cmd-in scripts/uboot/boot.cmd.in --boot-cmd $(UBOOT_O)/boot.cmd $(UBOOT_O)/tern.its

$(UBOOT_O)/tern.itb: $(UBOOT_O)/tern.its $(UBOOT_O)/tern.bin $(BOARD_DTB)
	@echo "  FIT     $@"
	$(Q)$(MKIMAGE) -f $< $@ >$@.log || { cat $@.log; exit 1; }

$(UBOOT_O)/tern.uImage: $(UBOOT_O)/tern.bin
	@echo "  UIMAGE  $@"
	$(Q)$(MKIMAGE) -A arm -O linux -T kernel -C none -a $(KERNEL_LOAD_ADDR) -e $(KERNEL_LOAD_ADDR) \
		-n "Tern $(TERN_VERSION) $(BOARD)" -d $< $@ >/dev/null

$(UBOOT_O)/boot.scr: $(UBOOT_O)/boot.cmd
	@echo "  SCRIPT  $@"
	$(Q)$(MKIMAGE) -A arm -O linux -T script -C none -n "Tern boot script ($(BOARD))" -d $< $@ >/dev/null

$(UBOOT_O)/sdcard.img: $(UBOOT_FILES) scripts/uboot/make_sdcard.sh
	$(Q)bash scripts/uboot/make_sdcard.sh $@ $(UBOOT_FILES)

# What QEMU's TFTP server serves: distro boot's dhcp path asks for
# boot.scr.uimg; the uImage is for a boot typed at U-Boot's prompt.
$(UBOOT_O)/tftp/tern.itb $(UBOOT_O)/tftp/tern.uImage $(UBOOT_O)/tftp/boot.scr.uimg &: $(UBOOT_FILES)
	$(Q)mkdir -p $(UBOOT_O)/tftp
	$(Q)cp $(UBOOT_O)/tern.itb $(UBOOT_O)/tern.uImage $(UBOOT_O)/tftp/
	$(Q)cp $(UBOOT_O)/boot.scr $(UBOOT_O)/tftp/boot.scr.uimg

# Damaged FITs on SD cards of their own, which U-Boot must refuse: one byte
# of the kernel changed (its sha256 no longer matches), and the file cut in half.
$(UBOOT_O)/bad-hash/tern.itb: $(UBOOT_O)/tern.itb $(UBOOT_O)/tern.bin scripts/uboot/damage_fit.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) scripts/uboot/damage_fit.py --flip-kernel-byte $(UBOOT_O)/tern.bin $< $@
$(UBOOT_O)/truncated/tern.itb: $(UBOOT_O)/tern.itb scripts/uboot/damage_fit.py
	@mkdir -p $(dir $@)
	$(Q)$(PYTHON) scripts/uboot/damage_fit.py --truncate $< $@
$(UBOOT_O)/%/sdcard.img: $(UBOOT_O)/%/tern.itb $(UBOOT_O)/boot.scr scripts/uboot/make_sdcard.sh
	$(Q)bash scripts/uboot/make_sdcard.sh $@ $< $(UBOOT_O)/boot.scr

# QEMU virt as U-Boot's qemu_arm target expects it, U-Boot as the firmware.
# SECURE=on starts U-Boot (and so Tern) in Secure SVC. UBOOT_FROM=tftp boots
# over QEMU's user network and built-in TFTP server instead of the SD card.
SECURE ?= off
UBOOT_FROM ?= sdcard
UBOOT_QEMU_FLAGS = $(subst secure=off,secure=$(SECURE),$(QEMU_FLAGS)) -bios $(UBOOT_BIOS)
UBOOT_DISK_FLAGS = -drive if=none,file=$(1),format=raw,id=sd,readonly=on -device virtio-blk-device,drive=sd
UBOOT_TFTP_FLAGS = -netdev user,id=net0,tftp=$(1) -device virtio-net-device,netdev=net0

# test-deps starts this line too (the TFTP directory need not exist yet).
UBOOT_DEPS_QEMU_FLAGS = $(QEMU_FLAGS) -bios $(UBOOT_BIOS) $(call UBOOT_TFTP_FLAGS,$(UBOOT_O)/tftp)

uboot-board-check:
	$(Q)test "$(BOARD)" = virt || { echo "Debian's U-Boot (u-boot-qemu's qemu_arm) runs on QEMU virt only:" \
		"configure with virt_defconfig; for a vexpress board's own U-Boot see README, Flashing a board"; exit 1; }
	$(Q)test -f $(UBOOT_BIOS) || { echo "$(UBOOT_BIOS) is missing: make deps (package u-boot-qemu)"; exit 1; }

run-uboot: uboot-board-check $(if $(filter tftp,$(UBOOT_FROM)),$(UBOOT_O)/tftp/tern.itb,$(UBOOT_O)/sdcard.img)
	@echo "  QEMU    $(BOARD) with U-Boot, secure=$(SECURE), from $(UBOOT_FROM): Ctrl-A X quits"
	$(Q)$(QEMU) $(UBOOT_QEMU_FLAGS) $(if $(filter tftp,$(UBOOT_FROM)),$(call UBOOT_TFTP_FLAGS,$(UBOOT_O)/tftp),$(call UBOOT_DISK_FLAGS,$(UBOOT_O)/sdcard.img))

test-uboot: uboot-board-check $(UBOOT_O)/sdcard.img $(UBOOT_O)/tftp/tern.itb $(UBOOT_O)/tftp/tern.uImage \
		$(UBOOT_O)/bad-hash/sdcard.img $(UBOOT_O)/truncated/sdcard.img
	$(Q)test "$(CONFIG_GUEST_LINUX)" = y || { echo "test-uboot boots to the Linux guest's shell:" \
		"it needs CONFIG_GUEST_LINUX=y"; exit 1; }
	$(Q)$(PYTHON) tests/boot/test_uboot.py --board $(BOARD) --qemu "$(QEMU)" \
		--qemu-flags "$(QEMU_FLAGS) -bios $(UBOOT_BIOS)" --uboot-out $(UBOOT_O) --board-dtb $(BOARD_DTB) \
		$(if $(TEST_RESULTS),--results $(TEST_RESULTS)/uboot-$(BOARD).txt)
