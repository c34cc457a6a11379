export type { DocumentKind, DocumentName } from './document-name';
export { documentName, parseDocumentName } from './document-name';
