const FOOTER_CROWN = /<svg\b[^>]*class="govuk-footer__crown"[^>]*>[\s\S]*?<\/svg>/;

/** The footer without GOV.UK's crown, which only services on GOV.UK may show. */
export const withoutCrown = (html: string): string => String(html).replace(FOOTER_CROWN, "");
