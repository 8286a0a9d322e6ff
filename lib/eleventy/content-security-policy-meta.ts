import { contentSecurityPolicy, govukFrontendSupportedScript } from "../safety/content-security-policy.ts";
import type { EleventyConfig } from "./types.ts";

/** Gives layouts `contentSecurityPolicy`, computed once per build, for the <meta> tag in base.njk. */
export function contentSecurityPolicyPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addGlobalData("contentSecurityPolicy", () => contentSecurityPolicy([govukFrontendSupportedScript()]));
}
