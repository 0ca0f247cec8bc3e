/** The shape of a catalog entry (catalog/tools/*.yaml). Type-only: safe for the console to import. */

export const TOOL_CATEGORIES = [
  'chat',
  'coding',
  'image',
  'video',
  'audio',
  'meeting-notes',
  'writing',
  'search',
  'agents',
  'productivity',
  'translation',
  'data-analysis',
  'companion',
  'other',
] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

export type TrainsOnUserData = 'yes' | 'opt-out' | 'opt-in' | 'no' | 'unknown';
export type DataRetention = 'none' | 'limited' | 'configurable' | 'indefinite' | 'unknown';
export type YesNoUnknown = 'yes' | 'no' | 'unknown';
export type DataResidency = 'choice' | 'fixed' | 'unknown';
/** ISO 3166-1 alpha-2 code of the vendor's headquarters, or 'unknown'. */
export type Jurisdiction = string;

/** One reviewed fact about a tool; `source` (https) is required for every value but 'unknown'. */
export interface CatalogAttribute<V extends string> {
  value: V;
  source?: string;
  /** One sentence: what the source says, or which plan the value is about. */
  note?: string;
}

export interface RiskAttributes {
  trainsOnUserData: CatalogAttribute<TrainsOnUserData>;
  dataRetention: CatalogAttribute<DataRetention>;
  enterprisePlan: CatalogAttribute<YesNoUnknown>;
  sso: CatalogAttribute<YesNoUnknown>;
  soc2: CatalogAttribute<YesNoUnknown>;
  iso27001: CatalogAttribute<YesNoUnknown>;
  dataResidency: CatalogAttribute<DataResidency> & { regions?: string[] };
  hqJurisdiction: CatalogAttribute<Jurisdiction>;
}

export type RiskAttributeName = keyof RiskAttributes;

export interface CatalogTool {
  id: string;
  name: string;
  vendor: string;
  category: ToolCategory;
  /** Lower-case hosts, unique across the catalog. */
  domains: string[];
  /** Chrome match patterns (core's isValidUrlPattern syntax). */
  urlPatterns: string[];
  /** ISO date (YYYY-MM-DD) the entry was last reviewed. */
  reviewed: string;
  attributes: RiskAttributes;
  /**
   * AI is one feature of a broader product (a notes app, a whiteboard): visiting its pages is not
   * AI use, so the extension does not report visits there. An org can still list the tool.
   */
  aiFeature?: true;
}
