import {
  contentSecurityPolicy,
  directivesWithOrigins,
  govukFrontendSupportedScript,
} from "../safety/content-security-policy.ts";
import type { AnalyticsView } from "../model/cookies.ts";
import type { EleventyConfig } from "./types.ts";

/**
 * Gives layouts `contentSecurityPolicy`, computed once per build, for the <meta> tag in base.njk, and
 * `contentSecurityPolicyFor(analytics)`, the same policy widened for the site's analytics when it has any.
 */
export function contentSecurityPolicyPlugin(eleventyConfig: EleventyConfig): void {
  let inline: string[] | undefined;
  const inlineScripts = () => (inline ??= [govukFrontendSupportedScript()]);
  eleventyConfig.addGlobalData("contentSecurityPolicy", () => contentSecurityPolicy(inlineScripts()));
  const policies = new Map<string, string>();
  eleventyConfig.addGlobalData("contentSecurityPolicyFor", () => (analytics?: AnalyticsView) => {
    const key = JSON.stringify(analytics?.origins ?? {});
    let policy = policies.get(key);
    if (!policy) {
      policy = contentSecurityPolicy(inlineScripts(), directivesWithOrigins(analytics?.origins));
      policies.set(key, policy);
    }
    return policy;
  });
}
