/**
 * The Defra service manual app (DEFRA/service-manual-ui, a hapi server) serves these paths from its
 * own code (src/server/router.js and each src/server/<name>/index.js) rather than from a Markdown file
 * in its src/content/. Content copied from the app links to them, and a static site has nothing there
 * until someone writes a page: `npm run check` warns about each such link instead of calling it a typo.
 */
export interface AppRoute {
  /** The path the app answers, without a trailing slash. */
  path: string;
  /** Whether every path below `path` is the app's too, as hapi's `{rest*}` and `{param*}` routes are. */
  below?: boolean;
  /** What the app shows there, and so what this site needs instead. */
  served: string;
  /** Whether the app served files there, which this site publishes only if they are copied in: a missing one is an error, not a page still to write. */
  files?: boolean;
}

export const APP_ROUTES: readonly AppRoute[] = [
  { path: "/", served: "the home page, drawn by its home view, in src/server/home/" },
  { path: "/service-manual", served: "the service manual's landing page, in src/server/service-manual/" },
  { path: "/delivery-groups", served: "the delivery groups page, in src/server/delivery-groups/" },
  { path: "/cookies", served: "the cookies page and its accept and reject forms, in src/server/cookies/" },
  { path: "/search", served: "search results, in src/server/search/" },
  { path: "/api/search", below: true, served: "the search box's suggestions and index, in src/server/search/" },
  { path: "/interruption-card", served: "the page shown before links to internal services, in src/server/interruption/" },
  { path: "/health", served: "the platform's health check, in src/server/health/" },
  {
    path: "/ai-toolkit/triage",
    below: true,
    served: "the AI triage form's pages, each read from a Markdown file by its form code, in src/server/ai-triage/",
  },
  { path: "/ai-playbook", below: true, served: "a redirect to the same path under /ai-toolkit, in src/server/redirects/" },
  { path: "/favicon.ico", served: "an empty icon, in src/server/common/helpers/serve-static-files.js" },
  {
    path: "/public",
    below: true,
    files: true,
    served: "the app's built client files, such as its images in src/client/images/, in src/server/common/helpers/serve-static-files.js",
  },
];

/** The app route a site path (percent-decoded, query and fragment removed) belongs to, if any. */
export function appRouteFor(sitePath: string): AppRoute | undefined {
  const bare = sitePath.length > 1 ? sitePath.replace(/\/+$/, "") : sitePath;
  return APP_ROUTES.find((route) =>
    route.below ? bare === route.path || bare.startsWith(`${route.path}/`) : bare === route.path,
  );
}
