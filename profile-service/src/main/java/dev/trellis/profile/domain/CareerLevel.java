package dev.trellis.profile.domain;

/**
 * Where a member is in their career, with the connection count that suits it (shared/domain/04: student 50-100,
 * recent graduate 100-300, young professional 300-500, established professional 500-1,000, executive 1,000+).
 */
public enum CareerLevel {
    STUDENT(50, 100),
    RECENT_GRADUATE(100, 300),
    YOUNG_PROFESSIONAL(300, 500),
    ESTABLISHED_PROFESSIONAL(500, 1_000),
    EXECUTIVE(1_000, null);

    private final int targetMin;
    private final Integer targetMax;

    CareerLevel(int targetMin, Integer targetMax) {
        this.targetMin = targetMin;
        this.targetMax = targetMax;
    }

    public int targetMin() {
        return targetMin;
    }

    /** The upper end of the range; null means open ("1,000+"). */
    public Integer targetMax() {
        return targetMax;
    }

    /** The level named by {@code s} (case-insensitive, '-' or ' ' for '_'); 400 naming {@code field} otherwise. */
    public static CareerLevel parse(String field, String s) {
        String n = s.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw dev.trellis.platform.domain.DomainException.invalid(field,
                    "must be one of STUDENT, RECENT_GRADUATE, YOUNG_PROFESSIONAL, ESTABLISHED_PROFESSIONAL, EXECUTIVE");
        }
    }
}
