/* SPDX-License-Identifier: MIT */
/* The CP15 register vocabulary: one line per register, accessed through
 * sysreg_read32/64 and sysreg_write32/64. Names follow the ARM ARM. */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <tern/bits.h>
#include <tern/types.h>

#define CP15_32(crn, op1, crm, op2) "p15, " #op1 ", %0, " #crn ", " #crm ", " #op2
#define CP15_64(op1, crm) "p15, " #op1 ", %Q0, %R0, " #crm

/* Identification */
#define MIDR CP15_32(c0, 0, c0, 0)
#define CTR CP15_32(c0, 0, c0, 1)
#define MPIDR CP15_32(c0, 0, c0, 5)
#define ID_PFR1 CP15_32(c0, 0, c1, 1)
#define ID_MMFR0 CP15_32(c0, 0, c1, 4)

/* PL1 (secure or non-secure) */
#define SCTLR CP15_32(c1, 0, c0, 0)
#define SCR CP15_32(c1, 0, c1, 0)
#define NSACR CP15_32(c1, 0, c1, 2)
#define VBAR CP15_32(c12, 0, c0, 0)
#define MVBAR CP15_32(c12, 0, c0, 1)
#define SCTLR_M BIT(0)   /* MMU */
#define SCTLR_C BIT(2)   /* data caches */
#define SCTLR_Z BIT(11)  /* branch prediction */
#define SCTLR_I BIT(12)  /* instruction cache */
#define SCTLR_V BIT(13)  /* high vectors */
#define SCTLR_TRE BIT(28)
#define SCTLR_AFE BIT(29)
/* PL1 short-descriptor translation (the SVC variant's) */
#define TTBR0 CP15_32(c2, 0, c0, 0)
#define TTBR1 CP15_32(c2, 0, c0, 1)
#define TLBIALL CP15_32(c8, 0, c7, 0)
#define TLBIASID CP15_32(c8, 0, c7, 2)
#define TLBIMVA CP15_32(c8, 0, c7, 1)

/* HYP mode */
#define HSCTLR CP15_32(c1, 4, c0, 0)
#define HACTLR CP15_32(c1, 4, c0, 1)
#define HCR CP15_32(c1, 4, c1, 0)
#define HDCR CP15_32(c1, 4, c1, 1)
#define HCPTR CP15_32(c1, 4, c1, 2)
#define HSTR CP15_32(c1, 4, c1, 3)
#define HSTR_TTEE (1u << 16)  /* ThumbEE registers */
#define HSTR_TJDBX (1u << 17) /* BXJ and the Jazelle registers */
#define HTCR CP15_32(c2, 4, c0, 2)
#define VTCR CP15_32(c2, 4, c1, 2)
#define HSR CP15_32(c5, 4, c2, 0)
#define HDFAR CP15_32(c6, 4, c0, 0)
#define HIFAR CP15_32(c6, 4, c0, 2)
#define HPFAR CP15_32(c6, 4, c0, 4)
#define HMAIR0 CP15_32(c10, 4, c2, 0)
#define HMAIR1 CP15_32(c10, 4, c2, 1)
#define HVBAR CP15_32(c12, 4, c0, 0)
#define HTTBR CP15_64(4, c2)
#define VTTBR CP15_64(6, c2)

/* TLB and cache maintenance */
#define TLBIALLH CP15_32(c8, 4, c7, 0)
#define TLBIALLNSNH CP15_32(c8, 4, c7, 4)
#define ICIALLU CP15_32(c7, 0, c5, 0)
#define BPIALL CP15_32(c7, 0, c5, 6)

/* Thread ID registers */
#define TPIDRURO CP15_32(c13, 0, c0, 3)

/* Guest (Non-secure PL1) state a VCPU switch saves and restores */
#define ACTLR CP15_32(c1, 0, c0, 1)
#define FCSEIDR CP15_32(c13, 0, c0, 0)
#define ISR CP15_32(c12, 0, c1, 0)
#define ISR_I BIT(7) /* an IRQ is pending */
#define CPACR CP15_32(c1, 0, c0, 2)
#define TTBR0_64 CP15_64(0, c2)
#define TTBR1_64 CP15_64(1, c2)
#define TTBCR CP15_32(c2, 0, c0, 2)
#define DACR CP15_32(c3, 0, c0, 0)
#define DFSR CP15_32(c5, 0, c0, 0)
#define IFSR CP15_32(c5, 0, c0, 1)
#define ADFSR CP15_32(c5, 0, c1, 0)
#define AIFSR CP15_32(c5, 0, c1, 1)
#define DFAR CP15_32(c6, 0, c0, 0)
#define IFAR CP15_32(c6, 0, c0, 2)
#define PAR_64 CP15_64(0, c7)
#define ATS1CPR CP15_32(c7, 0, c8, 0)
#define PRRR CP15_32(c10, 0, c2, 0)
#define NMRR CP15_32(c10, 0, c2, 1)
#define AMAIR0 CP15_32(c10, 0, c3, 0)
#define AMAIR1 CP15_32(c10, 0, c3, 1)
#define CONTEXTIDR CP15_32(c13, 0, c0, 1)
#define TPIDRURW CP15_32(c13, 0, c0, 2)
#define TPIDRPRW CP15_32(c13, 0, c0, 4)
#define CSSELR CP15_32(c0, 2, c0, 0)
#define CCSIDR CP15_32(c0, 1, c0, 0)
#define DCCISW CP15_32(c7, 0, c14, 2)
#define VPIDR CP15_32(c0, 4, c0, 0)
#define VMPIDR CP15_32(c0, 4, c0, 5)
#define CNTV_CTL CP15_32(c14, 0, c3, 1)
#define CNTV_CVAL CP15_64(3, c14)

/* Performance monitors */
#define PMCR CP15_32(c9, 0, c12, 0)
#define PMCNTENSET CP15_32(c9, 0, c12, 1)
#define PMSELR CP15_32(c9, 0, c12, 5)
#define PMCCNTR CP15_32(c9, 0, c13, 0)
#define PMXEVTYPER CP15_32(c9, 0, c13, 1)
#define PMUSERENR CP15_32(c9, 0, c14, 0)
#define PMCR_E BIT(0)
#define PMCR_C BIT(2)
#define PMCNTEN_CYCLES BIT(31)
#define PMSELR_CYCLE_COUNTER 31
#define PMCCFILTR_NSH BIT(27)
#define PMUSERENR_EN BIT(0)

/* Generic timer */
#define CNTFRQ CP15_32(c14, 0, c0, 0)
#define CNTHCTL CP15_32(c14, 4, c1, 0)
#define CNTKCTL CP15_32(c14, 0, c1, 0)
#define CNTHP_TVAL CP15_32(c14, 4, c2, 0)
#define CNTHP_CTL CP15_32(c14, 4, c2, 1)
#define CNTPCT CP15_64(0, c14)
#define CNTHP_CVAL CP15_64(6, c14)
#define CNTVOFF CP15_64(4, c14)

#define sysreg_read32(reg) ({ uint32_t v_; __asm__ volatile("mrc " reg : "=r"(v_)); v_; })
#define sysreg_write32(reg, val)                                          \
	do {                                                              \
		uint32_t w32_ = (val);                                      \
		__asm__ volatile("mcr " reg : : "r"(w32_) : "memory");     \
	} while (0)
#define sysreg_read64(reg) ({ uint64_t v_; __asm__ volatile("mrrc " reg : "=r"(v_)); v_; })
#define sysreg_write64(reg, val)                                          \
	do {                                                              \
		uint64_t w64_ = (val);                                      \
		__asm__ volatile("mcrr " reg : : "r"(w64_) : "memory");    \
	} while (0)

#define isb() __asm__ volatile("isb" : : : "memory")
#define dsb() __asm__ volatile("dsb sy" : : : "memory")
#define dmb() __asm__ volatile("dmb sy" : : : "memory")

static inline uint32_t cpsr_read(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

/* CPSR fields */
#define PSR_MODE_MASK 0x1fu
#define PSR_MODE_USR 0x10u
#define PSR_MODE_FIQ 0x11u
#define PSR_MODE_IRQ 0x12u
#define PSR_MODE_SVC 0x13u
#define PSR_MODE_MON 0x16u
#define PSR_MODE_ABT 0x17u
#define PSR_MODE_HYP 0x1au
#define PSR_MODE_UND 0x1bu
#define PSR_MODE_SYS 0x1fu
#define PSR_F BIT(6)
#define PSR_I BIT(7)
#define PSR_A BIT(8)
#define PSR_T BIT(5)

/* ID_PFR1 */
#define ID_PFR1_SECURITY GENMASK(7, 4)
#define ID_PFR1_VIRT GENMASK(15, 12)
#define ID_PFR1_GENTIMER GENMASK(19, 16)

/* CTR: log2 of the smallest data cache line, in words */
#define CTR_DMINLINE GENMASK(19, 16)
/* MIDR */
#define MIDR_IMPLEMENTER GENMASK(31, 24)
#define MIDR_VARIANT GENMASK(23, 20)
#define MIDR_PARTNUM GENMASK(15, 4)
#define MIDR_REVISION GENMASK(3, 0)

/* HSCTLR */
#define HSCTLR_M BIT(0)
#define HSCTLR_A BIT(1)
#define HSCTLR_C BIT(2)
#define HSCTLR_I BIT(12)
#define HSCTLR_WXN BIT(19)

/* HSR */
#define HSR_EC GENMASK(31, 26)
#define HSR_IL BIT(25)
#define HSR_ISS GENMASK(24, 0)

/* SCR */
#define SCR_NS BIT(0)
#define SCR_FW BIT(4)
#define SCR_AW BIT(5)
#define SCR_HCE BIT(8)

/* CNTHCTL: let PL1 and PL0 use the physical counter and timer */
#define CNTHCTL_PL1PCTEN BIT(0)
#define CNTHCTL_PL1PCEN BIT(1)

/* CNTKCTL: let user threads read the counter and use the physical timer
 * (a device they may own through an IRQ handler cap) */
#define CNTKCTL_PL0PCTEN BIT(0)
#define CNTKCTL_PL0VCTEN BIT(1)
#define CNTKCTL_PL0PTEN BIT(9)

/* CNTHP_CTL */
#define CNT_CTL_ENABLE BIT(0)
#define CNT_CTL_IMASK BIT(1)
#define CNT_CTL_ISTATUS BIT(2)

#endif
