/* Generated from schemas/facts.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { Uscc } from './uscc';

/**
 * money, yuan
 *
 * Yuan as a decimal string with at most two places, e.g. "5000000" or "1234.50".
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "money".
 */
export type FactsMoney = string;
/**
 * decimal
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "decimal".
 */
export type FactsDecimal = string;
/**
 * ratio
 *
 * A decimal fraction as a string, 0.05 = 5%.
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "ratio".
 */
export type FactsRatio = string;
/**
 * count
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "count".
 */
export type FactsCount = number;
/**
 * year
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "year".
 */
export type FactsYear = number;
/**
 * date
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "date".
 */
export type FactsDate = string;
/**
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "uscc".
 */
export type FactsUscc = Uscc;
/**
 * jurisdiction code
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "jurisdictionCode".
 */
export type FactsJurisdictionCode = string;
/**
 * identifier
 *
 * This interface was referenced by `Facts`'s JSON-Schema
 * via the `definition` "identifier".
 */
export type FactsIdentifier = string;

/**
 * Facts / 申报事实
 *
 * The vocabulary of facts an application may state. Every fact a rule pack reads must be defined here; its $ref says how it is read (money and ratios are decimal strings, never binary floats). Add a fact here before a rule uses it. Facts marked "x-changeable": true are ones an enterprise can change (R&D spending, technology staff, IP rights, registering with a platform): what would change a rejection is searched over them only.
 */
export interface Facts {
  /**
   * 职工总数 / employees
   */
  employees?: FactsCount;
  /**
   * 科技人员数 / technology staff
   */
  techStaff?: FactsCount;
  /**
   * 年销售收入（元） / annual sales revenue, yuan
   */
  annualRevenue?: FactsMoney;
  /**
   * 资产总额（元） / total assets, yuan
   */
  totalAssets?: FactsMoney;
  /**
   * 净资产（元） / net assets, yuan
   */
  netAssets?: FactsMoney;
  /**
   * 成本费用总额（元） / total cost and expenses, yuan
   */
  totalCost?: FactsMoney;
  /**
   * 研发费用总额（元） / R&D expense, yuan
   */
  rdExpense?: FactsMoney;
  /**
   * I类知识产权数量 / number of class-I IP rights
   */
  classOneIpCount?: FactsCount;
  /**
   * II类知识产权数量 / number of class-II IP rights
   */
  classTwoIpCount?: FactsCount;
  /**
   * 列入严重失信主体名单 / on the serious-dishonesty list
   */
  onSeriousDishonestyList?: boolean;
  /**
   * 列入经营异常名录 / on the abnormal-operation list
   */
  onAbnormalOperationList?: boolean;
  /**
   * 近三年有严重失信行为 / serious dishonesty in the last 3 years
   */
  seriousDishonestyInLast3Years?: boolean;
  /**
   * 拥有有效期内高新技术企业资格证书 / holds a valid high-tech enterprise certificate
   */
  holdsHighTechCertificate?: boolean;
  /**
   * 近五年获国家级科技奖励并在前三名 / national S&T award in the last 5 years, ranked top 3
   */
  nationalAwardTop3InLast5Years?: boolean;
  /**
   * 拥有经认定的省部级以上研发机构 / has a provincial-or-higher R&D institution
   */
  hasProvincialRdInstitution?: boolean;
  /**
   * 近五年主导制定国际、国家或行业标准 / led an international, national or industry standard in the last 5 years
   */
  ledStandardInLast5Years?: boolean;
  /**
   * 具有独立法人资格 / independent legal person
   */
  independentLegalPerson?: boolean;
  /**
   * 已在科技金融服务平台注册 / enrolled on the tech-finance platform
   */
  enrolledOnTechFinancePlatform?: boolean;
  /**
   * 贷款已在本项目备案 / the loan is filed with the program
   */
  loanFiledWithProgram?: boolean;
  /**
   * 企业资质 / enterprise qualifications
   *
   * provincial-private-tech 省民营科技企业; tech-sme 科技型中小企业（已入库）; high-tech 高新技术企业; high-tech-cultivation 高企培育; gazelle 市级瞪羚企业; unicorn-cultivation 独角兽培育企业; leading-talent 领军人才企业
   *
   * @maxItems 20
   */
  qualifications?: (
    | 'provincial-private-tech'
    | 'tech-sme'
    | 'high-tech'
    | 'high-tech-cultivation'
    | 'gazelle'
    | 'unicorn-cultivation'
    | 'leading-talent'
  )[];
  /**
   * 补贴年度 / subsidy year
   */
  subsidyYear?: FactsYear;
  /**
   * 补贴年度实际支付利息（元） / interest actually paid in the subsidy year, yuan
   */
  interestPaid?: FactsMoney;
  /**
   * 补贴年度实际支付担保费（元） / guarantee fees paid in the subsidy year, yuan
   */
  guaranteeFeesPaid?: FactsMoney;
  /**
   * 创投机构组织形式 / form of the venture-capital firm
   */
  vcForm?: 'company' | 'partnership';
  /**
   * 在本区新设立 / newly established in the district
   */
  newlyEstablishedInDistrict?: boolean;
  /**
   * 实缴注册资本/实缴出资（元） / paid-in capital, yuan
   */
  paidInCapital?: FactsMoney;
  /**
   * 累计投资区内未上市企业金额（元） / cumulative investment in unlisted district companies, yuan
   */
  cumulativeDistrictInvestment?: FactsMoney;
  /**
   * 补偿模式 / claim mode
   *
   * bank 银行模式; guarantee 担保模式
   */
  claimMode?: 'bank' | 'guarantee';
  /**
   * 贷款合同编号 / loan contract number
   */
  loanId?: FactsIdentifier;
  /**
   * 贷款发放日 / the loan's issue date
   */
  loanIssueDate?: FactsDate;
  /**
   * 贷款金额（元） / loan amount, yuan
   */
  loanAmount?: FactsMoney;
  /**
   * 本金损失（元） / principal loss, yuan
   */
  principalLoss?: FactsMoney;
  /**
   * 本金损失已确认 / the principal loss is confirmed
   */
  lossConfirmed?: boolean;
  /**
   * 不良贷款余额（元） / balance of the bad loan, yuan
   */
  badLoanBalance?: FactsMoney;
  /**
   * 贷款机构统一社会信用代码 / the lender's unified social credit code
   */
  lenderUscc?: FactsUscc;
  /**
   * 借款企业统一社会信用代码 / the borrower's unified social credit code
   */
  borrowerUscc?: FactsUscc;
  /**
   * 借款企业当年获得贷款总额（元） / the borrower's loans in the year, yuan
   */
  borrowerLoansInYear?: FactsMoney;
  /**
   * 借款企业在重点企业名单内 / the borrower is on the key-enterprise list
   */
  borrowerOnKeyList?: boolean;
  /**
   * 知识产权质押贷款 / intellectual-property pledge loan
   */
  ipPledgeLoan?: boolean;
  /**
   * 使用人民银行再贷款等政策工具资金 / funded by a PBoC relending tool
   */
  pbocRelendingFunded?: boolean;
  /**
   * 银行累计本金损失（元） / the bank's accumulated principal losses, yuan
   */
  bankCompensatedLosses?: FactsMoney;
  /**
   * 银行备案贷款本金总额（元） / the bank's registered loan principal, yuan
   */
  bankRegisteredLoanPrincipal?: FactsMoney;
  /**
   * 所属产业 / industry
   */
  industry?:
    | 'biomedicine'
    | 'nanotech'
    | 'artificial-intelligence'
    | 'electronic-information'
    | 'advanced-materials'
    | 'equipment-manufacturing'
    | 'other';
  /**
   * 贷款日均余额（元） / average loan balance, yuan
   */
  averageLoanBalance?: FactsMoney;
  /**
   * 同期贷款市场报价利率（LPR） / loan prime rate for the period
   */
  lpr?: FactsRatio;
  /**
   * 贷款年利率 / the loan's annual interest rate
   */
  loanInterestRate?: FactsRatio;
  /**
   * 园区科技金融产品贷款 / the loan is a park tech-finance product
   */
  parkLoanProduct?: boolean;
  /**
   * 保险年度 / insurance year
   */
  insuranceYear?: FactsYear;
  /**
   * 第一类险种实缴保费（元）：产品责任、产品质量保证、小额贷款保证、研发责任、关键研发设备 / premiums paid, category 1, yuan
   */
  premiumCategory1Paid?: FactsMoney;
  /**
   * 第二类险种实缴保费（元）：关键人员健康及意外 / premiums paid, category 2, yuan
   */
  premiumCategory2Paid?: FactsMoney;
  /**
   * 第三类险种实缴保费（元）：董监高责任及其他 / premiums paid, category 3, yuan
   */
  premiumCategory3Paid?: FactsMoney;
  /**
   * 借款企业为科技型中小企业 / the borrower is a tech SME
   */
  borrowerIsTechSme?: boolean;
  /**
   * 借款企业上年营业收入（元） / the borrower's revenue last year, yuan
   */
  borrowerRevenue?: FactsMoney;
  /**
   * 投资项目编号 / the investment's reference
   */
  investmentId?: FactsIdentifier;
  /**
   * 实际到位投资额（元） / investment actually received, yuan
   */
  investmentAmount?: FactsMoney;
  /**
   * 投资协议签订日 / the investment agreement date
   */
  investmentDate?: FactsDate;
  /**
   * 被投企业注册地行政区划代码 / division code where the investee is registered
   */
  investeeJurisdiction?: FactsJurisdictionCode;
  /**
   * 被投企业为入库科技型中小企业 / the investee is an enrolled tech SME
   */
  investeeEnrolledTechSme?: boolean;
  /**
   * 被投企业已上市 / the investee is listed
   */
  investeeListed?: boolean;
  /**
   * 投资协议签订时被投企业成立年限（年） / the investee's age in years on the agreement date
   */
  investeeAgeYears?: FactsDecimal;
  /**
   * 被投企业为生物医药企业 / the investee is a biotech company
   */
  investeeBiotech?: boolean;
  /**
   * 被投企业资产总额（元） / the investee's total assets, yuan
   */
  investeeTotalAssets?: FactsMoney;
  /**
   * 被投企业年营业收入（元） / the investee's annual revenue, yuan
   */
  investeeRevenue?: FactsMoney;
  /**
   * 投资后持股比例 / stake after the deal
   */
  postDealStake?: FactsRatio;
  /**
   * 投资方为第一大股东或实际控制人 / the investor is the largest shareholder or the controller
   */
  investorIsLargestShareholderOrController?: boolean;
  /**
   * 管理机构认缴管理规模（元） / the manager's committed capital under management, yuan
   */
  managerCommittedCapital?: FactsMoney;
  /**
   * 管理的单只基金最大实缴规模（元） / paid-in capital of the manager's largest fund, yuan
   */
  largestFundPaidIn?: FactsMoney;
  /**
   * 大赛年度 / contest year
   */
  contestYear?: FactsYear;
  /**
   * 参赛组别 / contest group
   */
  contestGroup?: 'growth' | 'startup';
  /**
   * 获奖等次 / prize
   */
  contestPrize?: 'first' | 'second' | 'third' | 'merit';
  /**
   * 上市阶段 / listing stage
   *
   * joint-stock-reform 股份制改造; tutoring-filing 辅导备案; exchange-accepted 交易所受理; overseas-listing 境外主要交易所上市; neeq-listing 新三板挂牌或进入创新层; relocation-listed 外地上市公司迁入; relocation-pre-ipo 外地拟上市企业迁入
   */
  listingStage?:
    | 'joint-stock-reform'
    | 'tutoring-filing'
    | 'exchange-accepted'
    | 'overseas-listing'
    | 'neeq-listing'
    | 'relocation-listed'
    | 'relocation-pre-ipo';
  /**
   * 申报科创板 / the application is for the STAR market
   */
  starMarket?: boolean;
  /**
   * 迁入前注册地行政区划代码 / division code where a relocated company was registered before it moved
   */
  relocatedFromJurisdiction?: FactsJurisdictionCode;
  /**
   * 抵质押担保占贷款比例 / collateral as a share of the loan
   */
  collateralShare?: FactsRatio;
  /**
   * 纯信用贷款 / pure credit loan
   */
  pureCreditLoan?: boolean;
  /**
   * 基准利率 / benchmark interest rate
   */
  benchmarkRate?: FactsRatio;
  /**
   * 产学研合作项目 / industry-university-research project
   */
  industryUniversityResearchProject?: boolean;
  /**
   * 银行上年末科技贷余额（元） / the bank's 科技贷 balance at the end of last year, yuan
   */
  bankPriorYearTechLoanBalance?: FactsMoney;
  /**
   * 补偿年度 / claim year
   */
  claimYear?: FactsYear;
  /**
   * 补助年度 / incentive year
   */
  incentiveYear?: FactsYear;
  /**
   * 银行当年科创企业贷款净增额（元） / the bank's net new loans to tech companies in the year, yuan
   */
  bankNetNewTechLoans?: FactsMoney;
}
