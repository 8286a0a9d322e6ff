// Asks for consent to analytics, remembers the answer in a cookie, and loads the analytics site.json
// configures only once the reader has accepted it. Loaded only on sites that configure analytics.
// GOV.UK's cookie banner and cookies page: https://design-system.service.gov.uk/components/cookie-banner/

const COOKIE = "cookies_policy";
const ONE_YEAR_IN_SECONDS = 365 * 24 * 60 * 60;
// This file is at <site>/assets/js/, so the site's root (with any path prefix) is two folders up.
const siteRoot = new URL("../../", import.meta.url);

/** The reader's choice: true, false, or undefined until they make one. */
function consent() {
  const entry = document.cookie.split("; ").find((part) => part.startsWith(`${COOKIE}=`));
  if (!entry) return undefined;
  try {
    const value = JSON.parse(decodeURIComponent(entry.slice(COOKIE.length + 1)));
    return typeof value?.analytics === "boolean" ? value.analytics : undefined;
  } catch {
    return undefined;
  }
}

function remember(analytics) {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${COOKIE}=${encodeURIComponent(JSON.stringify({ analytics }))}; Max-Age=${ONE_YEAR_IN_SECONDS}; Path=${siteRoot.pathname}; SameSite=Lax${secure}`;
  if (!analytics) removeAnalyticsCookies();
}

// Rejecting after accepting must take away what the analytics already set, on this host and its parent domain.
function removeAnalyticsCookies() {
  const domains = ["", location.hostname, `.${location.hostname.split(".").slice(-2).join(".")}`];
  for (const part of document.cookie.split("; ")) {
    const name = part.split("=")[0];
    if (!/^_ga($|_)|^_gid$/.test(name)) continue;
    for (const domain of domains) document.cookie = `${name}=; Max-Age=0; Path=/${domain ? `; Domain=${domain}` : ""}`;
  }
}

let loaded = false;

function addScript(src) {
  const script = document.createElement("script");
  script.async = true;
  script.src = src;
  document.head.append(script);
}

/** Loads the configured analytics, once, and only after consent. */
function loadAnalytics(config) {
  if (loaded || consent() !== true) return;
  loaded = true;
  if (config.kind === "ga4") {
    window.dataLayer = window.dataLayer || [];
    // gtag.js reads the arguments object itself, as Google's snippet pushes it.
    window.gtag = function gtag() {
      window.dataLayer.push(arguments);
    };
    window.gtag("js", new Date());
    window.gtag("config", config.value);
    addScript(`https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(config.value)}`);
  } else if (config.kind === "gtm") {
    window.dataLayer = window.dataLayer || [];
    window.dataLayer.push({ "gtm.start": Date.now(), event: "gtm.js" });
    addScript(`https://www.googletagmanager.com/gtm.js?id=${encodeURIComponent(config.value)}`);
  } else if (config.kind === "script") {
    // A path on the site is under the same prefix as this file.
    addScript(config.value.startsWith("/") ? new URL(`.${config.value}`, siteRoot).href : config.value);
  }
}

function initBanner(config) {
  const banner = document.querySelector("[data-app-cookie-banner]");
  if (!banner || consent() !== undefined || location.pathname === new URL("cookies/", siteRoot).pathname) return;
  const question = banner.querySelector("[data-app-cookie-question]");
  banner.hidden = false;
  for (const button of banner.querySelectorAll("[data-app-cookie-choice]")) {
    button.addEventListener("click", () => {
      const accepted = button.dataset.appCookieChoice === "accept";
      remember(accepted);
      question.hidden = true;
      const answer = banner.querySelector(`[data-app-cookie-answer="${accepted ? "accept" : "reject"}"]`);
      answer.hidden = false;
      // The confirmation has role="alert"; focus moves to it so keyboard users are not left on a hidden button.
      answer.tabIndex = -1;
      answer.focus();
      loadAnalytics(config);
    });
  }
  for (const button of banner.querySelectorAll("[data-app-cookie-hide]"))
    button.addEventListener("click", () => {
      banner.hidden = true;
    });
}

function initSettingsForm(config) {
  const form = document.querySelector("[data-app-cookie-settings]");
  if (!form) return;
  form.hidden = false;
  const choice = consent();
  form.querySelector(`input[name="analytics"][value="${choice ? "yes" : "no"}"]`).checked = true;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const accepted = form.querySelector('input[name="analytics"]:checked')?.value === "yes";
    remember(accepted);
    const saved = document.querySelector("[data-app-cookies-saved]");
    if (saved) {
      saved.hidden = false;
      const banner = saved.querySelector(".govuk-notification-banner");
      banner.tabIndex = -1;
      banner.focus();
    }
    loadAnalytics(config);
  });
}

const script = document.querySelector("script[data-app-analytics]");
if (script) {
  const config = { kind: script.dataset.appAnalytics, value: script.dataset.appAnalyticsValue };
  initBanner(config);
  initSettingsForm(config);
  loadAnalytics(config);
}
