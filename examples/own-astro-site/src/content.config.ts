// Runfolio's pages read the runs and reports collections; a site may add collections of its own beside them.
export { collections } from "runfolio/content";
