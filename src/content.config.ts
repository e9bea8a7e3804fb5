import { defineCollection } from "astro:content";
import settings from "virtual:runfolio/options";
import { runsLoader } from "./content/runsLoader.ts";
import { reportsLoader } from "./content/reportsLoader.ts";

// Runs hold metadata, config and summary only; metric histories are read by core when a page needs them.
export const collections = {
  runs: defineCollection({ loader: runsLoader({ root: settings.dataRoot, failOnError: false }) }),
  reports: defineCollection({ loader: reportsLoader({ root: settings.dataRoot }) }),
};
