import type { SiteData } from "../content/site-data.ts";

/** The links a page offers for feedback, each opening a report with the page already named. */
export interface FeedbackView {
  /** "Report a problem with this page". */
  reportUrl: string;
  /** The phase banner's "give your feedback" link, about the service rather than a problem on the page. */
  generalUrl: string;
  /** "Is this page useful?", when the site asks it: a link for each answer. */
  useful?: { yesUrl: string; noUrl: string };
  /** Where the links lead, for their wording: a GitHub issue form or an email. */
  channel: "github" | "email";
}

/** What a report needs to know about the page it is about. */
export interface FeedbackPage {
  title: string;
  /** The page's absolute address on the published site, path prefix included. */
  absoluteUrl: string;
}

/**
 * A link that opens a new report: a GitHub issue form with its title and body filled in, or an email with
 * its subject and body. Each value is percent-encoded with encodeURIComponent, which RFC 6068 asks of
 * mailto: (a `+` would stay a plus sign in the subject) and GitHub's form reads the same way.
 */
export function reportLink(
  site: Pick<SiteData, "feedback" | "repository">,
  subject: string,
  body: string,
): string | undefined {
  const query = (params: Record<string, string>) =>
    Object.entries(params)
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join("&");
  if (site.feedback?.email) return `mailto:${site.feedback.email}?${query({ subject, body })}`;
  if (site.repository)
    return `${site.repository.url.replace(/\/+$/, "")}/issues/new?${query({ title: subject, body })}`;
  return undefined;
}

/**
 * The page's feedback links, or undefined when the site asks for none (no `feedback` in site.json) or has
 * nowhere to send them (site-data.ts reports that as an error).
 */
export function feedbackFor(
  page: FeedbackPage,
  site: Pick<SiteData, "feedback" | "repository" | "serviceName">,
): FeedbackView | undefined {
  if (!site.feedback) return undefined;
  const about = `Page: ${page.title}\nAddress: ${page.absoluteUrl}\n\n`;
  const reportUrl = reportLink(
    site,
    `Problem with the page “${page.title}”`,
    `${about}What is wrong with the page?\n\n`,
  );
  const generalUrl = reportLink(site, `Feedback on ${site.serviceName}`, `${about}Your feedback:\n\n`);
  if (!reportUrl || !generalUrl) return undefined;
  const answer = (useful: boolean) =>
    reportLink(
      site,
      `${useful ? "Useful" : "Not useful"}: “${page.title}”`,
      `${about}${useful ? "The page was useful. Anything to add?" : "The page was not useful. What were you looking for?"}\n\n`,
    )!;
  return {
    reportUrl,
    generalUrl,
    useful: site.feedback.pageUseful ? { yesUrl: answer(true), noUrl: answer(false) } : undefined,
    channel: site.feedback.email ? "email" : "github",
  };
}
