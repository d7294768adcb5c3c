/**
 * The inbox's static files, bundled into the Worker as text (wrangler.toml [[rules]] type "Text"; the test
 * pool reads the same rules): a Worker has no file system to read them from at run time.
 */
declare module "*/inbox/assets/inbox.css" {
  const text: string;
  export default text;
}
declare module "*/inbox/assets/inbox.js" {
  const text: string;
  export default text;
}
