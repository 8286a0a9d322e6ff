import { slugify } from "../../markdown/slugify.ts";

/** The URL of a tag's page: "Service ownership" is at /tags/service-ownership/. */
export const tagUrl = (tag: string): string => `/tags/${slugify(tag) || "tag"}/`;
