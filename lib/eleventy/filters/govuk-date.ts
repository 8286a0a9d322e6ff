export { isoDate } from "../../model/dates.ts";

const FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A date the GOV.UK way: "3 October 2025". */
export const govukDate = (date: Date): string => FORMAT.format(date);
