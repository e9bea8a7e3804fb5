import { defineCollection } from "astro:content";
import { runsLoader } from "./content/runsLoader.ts";
import { reportsLoader } from "./content/reportsLoader.ts";
import { dataRoot } from "./site/dataRoot.ts";

// Runs hold metadata, config and summary only; metric histories are read by core when a page needs them.
export const collections = {
  runs: defineCollection({ loader: runsLoader({ root: dataRoot(), failOnError: false }) }),
  reports: defineCollection({ loader: reportsLoader({ root: dataRoot() }) }),
};
