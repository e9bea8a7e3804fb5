// Served by siteOptionsPlugin (src/integration/options.ts) to the pages of the site.
declare module "virtual:runfolio/options" {
  const options: import("../integration/options.ts").SiteSettings;
  export default options;
}
