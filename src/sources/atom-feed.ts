/**
 * Checks on an arXiv API body before the `arxiv-atom` importer reads it: a web page where the feed
 * should be, or a feed cut off on the way, are network failures to report or retry, not bad files.
 */

/** A complete Atom document ends with its closing `</feed>`; anything else was cut off. */
export function isCompleteFeed(xml: string): boolean {
  return /<\/(?:[\w.-]+:)?feed>\s*$/.test(xml);
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html)/i.test(text);
}
