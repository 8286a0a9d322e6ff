import { contentSecurityPolicy, govukFrontendSupportedScript } from "../content-security-policy.ts";
import type { EleventyConfig } from "../eleventy-types.ts";

/** Gives layouts `contentSecurityPolicy`, computed once per build, for the <meta> tag in base.njk. */
export function contentSecurityPolicyPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addGlobalData("contentSecurityPolicy", () => contentSecurityPolicy([govukFrontendSupportedScript()]));
}
