package io.planpulse.reporting.rest;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The board's words: Chinese here, English in {@code messages/msg_en.properties}. */
@MessageBundle(value = "msg", locale = "zh")
public interface BoardMessages {

    @Message("规划实施进展看板")
    String title();

    @Message("截至 {day}")
    String asOfDay(java.time.LocalDate day);

    @Message("实时")
    String now();

    @Message("实时更新中")
    String live();

    @Message("已更新")
    String updated();

    @Message("查看日期")
    String asOfPicker();

    @Message("部门")
    String dept();

    @Message("状态")
    String status();

    @Message("指标属性")
    String kindOfTarget();

    @Message("全部")
    String all();

    @Message("约束性")
    String binding();

    @Message("预期性")
    String anticipatory();

    @Message("筛选")
    String apply();

    @Message("清除筛选")
    String reset();

    @Message("导出 CSV")
    String exportCsv();

    @Message("导出 Excel")
    String exportXlsx();

    @Message("评估报告 PDF")
    String evaluationPdf();

    @Message("评估报告 Word")
    String evaluationDocx();

    @Message("打印")
    String print();

    @Message("共 {n} 项指标")
    String shown(int n);

    @Message("没有符合条件的指标。")
    String nothing();

    @Message("这一天还没有收到这项规划的数据。")
    String notKnownThen();

    @Message("指标")
    String indicator();

    @Message("实际值")
    String actual();

    @Message("目标值")
    String target();

    @Message("序时应达")
    String expected();

    @Message("基期值")
    String baseline();

    @Message("进度")
    String progress();

    @Message("序时进度")
    String expectedProgress();

    @Message("差距")
    String gap();

    @Message("预测")
    String forecast();

    @Message("预计可完成")
    String forecastMeets();

    @Message("预计难以完成")
    String forecastMisses();

    @Message("尚需")
    String required();

    @Message("达标率")
    String compliance();

    @Message("缺报期")
    String missing();

    @Message("逾期未报")
    String late();

    @Message("初步数")
    String provisional();

    @Message("待基准数据")
    String awaiting();

    @Message("报告期")
    String period();

    @Message("责任单位")
    String owners();

    @Message("走势")
    String trend();

    @Message("说明")
    String explanation();

    @Message("计算时间")
    String computedAt();

    @Message("状态变化")
    String history();

    @Message("报送记录")
    String revisions();

    @Message("版本")
    String version();

    @Message("修订")
    String revision();

    @Message("数值")
    String value();

    @Message("报送单位")
    String sentBy();

    @Message("报送人")
    String subject();

    @Message("接收时间")
    String receivedAt();

    @Message("原因")
    String reason();

    @Message("备注")
    String note();

    @Message("来源")
    String source();

    @Message("已撤回")
    String withdrawn();

    @Message("审核")
    String review();

    @Message("待审核")
    String reviewSUBMITTED();

    @Message("已通过")
    String reviewAPPROVED();

    @Message("已退回")
    String reviewRETURNED();

    @Message("情况说明")
    String explanations();

    @Message("轮次")
    String round();

    @Message("原因")
    String cause();

    @Message("措施")
    String measures();

    @Message("预计恢复")
    String expectedRecovery();

    @Message("填写")
    String writtenBy();

    @Message("监测轮次")
    String reviewTitle();

    @Message("待审核数据")
    String awaitingReview();

    @Message("退回待改数据")
    String returnedValues();

    @Message("现行正式值")
    String officialNow();

    @Message("审核通过后")
    String ifApproved();

    @Message("审核意见")
    String comment();

    @Message("已发布")
    String published();

    @Message("已重新开放")
    String reopened();

    @Message("查看")
    String show();

    @Message("逾期")
    String overdue();

    @Message("{round} 轮次第 {version} 版，{publishedAt} 发布")
    String roundShown(String round, int version, String publishedAt);

    @Message("发布后更正 {count} 处")
    String correctionsSince(int count);

    @Message("已更正")
    String corrected();

    @Message("发布后更正")
    String correctedSince();

    @Message("{round} 应报情况说明（{due} 前）")
    String explanationsOwed(String round, String due);

    @Message("返回看板")
    String back();

    @Message("部门视图")
    String departmentView();

    @Message("English")
    String otherLanguage();

    @Message("退出")
    String signOut();

    @Message("请登录")
    String signInTitle();

    @Message("看板需要查看权限。请使用登录链接打开（本地运行时可用 ./planpulse board 获取）。")
    String signInText();

    @Message("无法登录：{reason}")
    String signInRefused(String reason);

    @Message("当前用户：{name}（{role}{#if dept}，{dept}{/if}）")
    String signedInAs(String name, String role, String dept);

    @Message("已退出")
    String signedOutTitle();

    @Message("您已退出看板及统一身份认证。")
    String signedOutText();

    @Message("重新登录")
    String signInAgain();

    @Message("请求被拒绝")
    String refusedTitle();

    @Message("未作任何更改：{reason}")
    String refusedText(String reason);

    @Message("返回看板")
    String backToBoard();

    @Message("本看板数据为按计划自动计算结果，仅供内部参考。")
    String footer();
}
