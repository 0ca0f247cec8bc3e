/**
 * @kairro/catalog/risk: the attribute metadata and the risk score, with nothing from Node, so the
 * console can import them.
 */
export {
  ADEQUATE_JURISDICTIONS,
  RISK_ATTRIBUTE_NAMES,
  RISK_ATTRIBUTES,
  type AttributeInfo,
} from './attributes.ts';
export { RISK_POINTS, riskLevel, riskScore, type RiskFactor, type RiskScore } from './risk-score.ts';
export * from './types.ts';
