/** Values and email domains an org never wants reported (its own domain, test card numbers…). */
export interface Allowlist {
  /** Exact values; digit-like values are compared with spaces and dashes removed. */
  values?: readonly string[];
  /** Email domains; subdomains are included (`acme.com` covers `eu.acme.com`). */
  emailDomains?: readonly string[];
}

/** Digits written with separators ("4111 1111-…") compare equal to the solid form. */
const DIGIT_LIKE = /^[\d\s().+-]+$/;
const normalise = (value: string): string => (DIGIT_LIKE.test(value) ? value.replace(/[\s-]/g, '') : value);

/** Built once per scan; `allows(type, value)` is then a set lookup or a short suffix walk. */
export function compileAllowlist(
  list: Allowlist | undefined,
): ((type: string, value: string) => boolean) | null {
  if (!list || ((list.values?.length ?? 0) === 0 && (list.emailDomains?.length ?? 0) === 0)) return null;
  const values = new Set((list.values ?? []).map(normalise));
  const domains = new Set((list.emailDomains ?? []).map((d) => d.trim().toLowerCase().replace(/^@/, '')));
  return (type, value) => {
    if (values.has(normalise(value))) return true;
    if (type !== 'EMAIL' || domains.size === 0) return false;
    let domain = value.slice(value.lastIndexOf('@') + 1).toLowerCase();
    for (;;) {
      if (domains.has(domain)) return true;
      const dot = domain.indexOf('.');
      if (dot < 0) return false;
      domain = domain.slice(dot + 1);
    }
  };
}
