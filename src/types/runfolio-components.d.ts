// Served by componentsPlugin (src/integration/components.ts): the site's component or Runfolio's.
declare module "virtual:runfolio/components/Header" {
  const Header: (props: import("../core/site/componentProps.ts").HeaderProps) => unknown;
  export default Header;
}
declare module "virtual:runfolio/components/Footer" {
  const Footer: (props: import("../core/site/componentProps.ts").FooterProps) => unknown;
  export default Footer;
}
declare module "virtual:runfolio/components/RunPageSections" {
  const RunPageSections: (props: import("../core/site/componentProps.ts").RunPageSectionsProps) => unknown;
  export default RunPageSections;
}
