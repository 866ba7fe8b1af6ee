package org.kap.dsl.ast;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.kap.core.adverse.AdverseEventRule.SeriousnessClause;
import org.kap.dsl.ast.Ast.*;
import org.kap.dsl.grammar.ProtocolParser;
import org.kap.dsl.grammar.ProtocolParser.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the parse tree into the {@link Ast}. After a syntax error the parser recovers and leaves
 * holes in the tree, or made-up tokens; a rule holding a syntax error (already reported) keeps only
 * its head, so that the checker still reports on every rule that parsed, and on the ids of those that
 * did not, without follow-on errors about what the recovery made of the rest.
 */
public final class AstBuilder {

    private final NavigableSet<Integer> offendingTokens;

    public AstBuilder() {
        this(Set.of());
    }

    /** @param offendingTokens the index of each token a syntax error was reported at; a rule holding one keeps only its head */
    public AstBuilder(Set<Integer> offendingTokens) {
        this.offendingTokens = new TreeSet<>(offendingTokens);
    }

    public ProtocolFile build(ProtocolFileContext file) {
        HeaderContext h = file.header();
        String id = h == null || !present(h.id) ? null : unquote(h.id);
        Num version = h == null || !present(h.version) ? null : num(h.version);
        String title = null;
        Word status = null;
        List<Word> indications = new ArrayList<>();
        List<Import> imports = new ArrayList<>();
        if (h != null) {
            for (HeaderItemContext item : h.headerItem()) {
                try {
                    if (item instanceof TitleContext t && t.STRING() != null && present(t.STRING().getSymbol())) {
                        title = unquote(t.STRING().getSymbol());
                    } else if (item instanceof StatusContext s && s.WORD() != null) {
                        status = word(s.WORD());
                    } else if (item instanceof IndicationsContext i && i.words() != null) {
                        indications.addAll(words(i.words()));
                    } else if (item instanceof ImportSetsContext i && i.words() != null && present(i.library)
                            && present(i.libraryVersion)) {
                        imports.add(new Import(words(i.words()), unquote(i.library), num(i.libraryVersion), pos(i.getStart())));
                    }
                } catch (RuntimeException incomplete) {
                    // a hole left by error recovery; the syntax error names it
                }
            }
        }
        List<Section> sections = new ArrayList<>();
        List<ValueSetDecl> valueSets = new ArrayList<>();
        List<Pos> valueSetSections = new ArrayList<>();
        Set<Integer> skipped = skippedTokens(file);
        for (SectionContext s : file.section()) {
            if (s instanceof ValueSetSectionContext v) {
                valueSetSections.add(pos(v.getStart()));
                for (ValueSetDefContext def : v.valueSetDef()) {
                    try {
                        valueSets.add(valueSet(def));
                    } catch (RuntimeException incomplete) {
                        // a definition broken by a syntax error (already reported) is left out
                    }
                }
                continue;
            }
            try {
                Section section = section(s);
                if (section != null && !(resynchronised(s, skipped) && section.kind() != SectionKind.DOSING
                        && section.rules().stream().allMatch(r -> r.clause() == null))) {
                    sections.add(section);
                }
            } catch (RuntimeException incomplete) {
                // a section head broken by a syntax error (already reported) is left out
            }
        }
        boolean library = h != null && h.kind != null && h.kind.getText().equals("library");
        return new ProtocolFile(h == null ? new Pos(1, 1) : pos(h.getStart()), library, id, version, title, status, indications,
                imports, sections, valueSets, valueSetSections);
    }

    private ValueSetDecl valueSet(ValueSetDefContext def) {
        List<Word> words = new ArrayList<>();
        List<CodeGroup> groups = new ArrayList<>();
        for (MemberGroupContext group : def.memberGroup()) {
            if (group instanceof WordMembersContext w) {
                words.addAll(w.WORD().stream().map(this::word).toList());
            } else {
                CodeMembersContext c = (CodeMembersContext) group;
                groups.add(new CodeGroup(word(c.system), c.codeItem().stream()
                        .map(item -> new CodeItem(code(item.from), item.to == null ? null : code(item.to))).toList()));
            }
        }
        return new ValueSetDecl(word(def.name), present(def.version) ? num(def.version) : null, words, groups,
                def.cite == null || !present(def.cite) ? null : unquote(def.cite), pos(def.getStart()));
    }

    private Word code(CodeContext code) {
        Token t = code.getStart();
        return new Word(t.getType() == ProtocolParser.STRING ? unquote(t) : t.getText(), pos(t));
    }

    /**
     * True when the section starts right after tokens the parser skipped or stumbled on: after a syntax error the
     * parser resumes at a section head, and a rule may hold one ("after each sesion: prescriber_review ..." resumes at
     * "session:"). Such a section with no readable rule is a figment of the recovery; reporting on it ("the session
     * section appears twice") would mislead. See also {@code SectionRecovery}.
     */
    private static boolean resynchronised(SectionContext s, Set<Integer> skipped) {
        return s.getStart() != null && skipped.contains(s.getStart().getTokenIndex() - 1);
    }

    /** The tokens the parser reported or skipped while recovering from syntax errors. */
    private Set<Integer> skippedTokens(ParseTree tree) {
        Set<Integer> skipped = new HashSet<>(offendingTokens);
        List<ParseTree> pending = new ArrayList<>(List.of(tree));
        while (!pending.isEmpty()) {
            ParseTree t = pending.remove(pending.size() - 1);
            if (t instanceof ErrorNode e) {
                skipped.add(e.getSymbol().getTokenIndex());
            }
            for (int i = 0; i < t.getChildCount(); i++) {
                pending.add(t.getChild(i));
            }
        }
        return skipped;
    }

    private Section section(SectionContext s) {
        Pos pos = pos(s.getStart());
        if (s instanceof ScreeningSectionContext c) {
            return new Section(SectionKind.SCREENING, pos, null, rules(c.screeningRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    screening(r))));
        }
        if (s instanceof DosingSectionContext c) {
            // a route the parser took while recovering ("dosing rote IM:" reads 'rote' as the route) is not checked
            boolean route = present(c.route) && !offendingTokens.contains(c.route.getTokenIndex());
            return new Section(SectionKind.DOSING, pos, route ? word(c.route) : null,
                    rules(c.doseRule(), r -> decl(r.ruleHead(), r.ruleTail(), r.forClients == null ? dose(r.doseClause())
                            : new ForClients(dose(r.doseClause()), condition(r.forClients)))));
        }
        if (s instanceof SpacingSectionContext c) {
            return new Section(SectionKind.SPACING, pos, null, rules(c.spacingRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    spacing(r.spacingClause()))));
        }
        if (s instanceof SequencingSectionContext c) {
            return new Section(SectionKind.SEQUENCING, pos, null, rules(c.sequencingRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    sequencing(r.sequencingClause()))));
        }
        if (s instanceof SessionSectionContext c) {
            return new Section(SectionKind.SESSION, pos, null, rules(c.sessionRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    r.forClients == null ? session(r.sessionClause())
                            : new ForClients(session(r.sessionClause()), condition(r.forClients)))));
        }
        if (s instanceof VitalsSectionContext c) {
            return new Section(SectionKind.VITALS, pos, null, rules(c.triggerRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    new Trigger(triggerCondition(r.triggerCondition()), r.readings == null ? null : num(r.readings),
                            r.quantity() == null ? null : quantity(r.quantity()), actions(r.actions())))));
        }
        if (s instanceof ObservationSectionContext c) {
            return new Section(SectionKind.OBSERVATION, pos, null, rules(c.observationRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    observation(r.observationClause()))));
        }
        if (s instanceof DischargeSectionContext c) {
            return new Section(SectionKind.DISCHARGE, pos, null, rules(c.dischargeRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    discharge(r.dischargeClause()))));
        }
        if (s instanceof AdverseSectionContext c) {
            return new Section(SectionKind.ADVERSE_EVENTS, pos, null, rules(c.adverseRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    adverse(r.adverseMatch(), r.actions()))));
        }
        if (s instanceof ObligationSectionContext c) {
            return new Section(SectionKind.OBLIGATIONS, pos, null, rules(c.obligationRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    new AfterEachSession(word(r.kind), quantity(r.quantity()), r.blocking() != null))));
        }
        if (s instanceof OutcomeSectionContext c) {
            return new Section(SectionKind.OUTCOMES, pos, null, rules(c.outcomeRule(), r -> decl(r.ruleHead(), r.ruleTail(),
                    outcome(r.outcomeClause()))));
        }
        return null;
    }

    private interface RuleMaker<C> {
        RuleDecl make(C context);
    }

    /**
     * Builds each rule. A rule holding a syntax error (already reported) keeps only its head, {@code rule ID
     * enforcement:}, when that much is intact, so that its id is still checked (a duplicate is still found); its
     * clause, message and citation are not checked, as what the parser recovered there is not what was written.
     */
    private <C extends ParserRuleContext> List<RuleDecl> rules(List<C> contexts, RuleMaker<C> maker) {
        List<RuleDecl> decls = new ArrayList<>();
        for (C c : contexts) {
            RuleHeadContext head = c.getRuleContext(RuleHeadContext.class, 0);
            if (broken(c) || holdsSyntaxError(c)) {
                headOnly(head).ifPresent(decls::add);
                continue;
            }
            try {
                RuleDecl decl = maker.make(c);
                if ((decl.message() == null || decl.cite() == null) && c.getStop() != null
                        && offendingTokens.contains(c.getStop().getTokenIndex() + 1)) {
                    // a syntax error right after the clause: a message or citation written after it was skipped by
                    // recovery, so "no message" or "no citation" would be a second, misleading finding for one mistake
                    headOnly(head).ifPresent(decls::add);
                    continue;
                }
                decls.add(decl);
            } catch (RuntimeException incomplete) {
                // a hole left by error recovery; the syntax error names it
                headOnly(head).ifPresent(decls::add);
            }
        }
        return decls;
    }

    /** The rule's head alone (its clause null), or nothing when the head itself holds a syntax error. */
    private Optional<RuleDecl> headOnly(RuleHeadContext head) {
        if (head == null || broken(head) || holdsSyntaxError(head)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RuleDecl(pos(head.getStart()), word(head.id), enforcement(head), null, null, null));
        } catch (RuntimeException incomplete) {
            return Optional.empty();
        }
    }

    /**
     * True when the parser hit a syntax error anywhere inside the rule (a sub-rule's exception, or tokens it skipped
     * while recovering): what it built there is not what was written, and checking it would only add misleading errors.
     */
    private static boolean broken(ParseTree tree) {
        if (tree instanceof ErrorNode || (tree instanceof ParserRuleContext c && c.exception != null)) {
            return true;
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (broken(tree.getChild(i))) {
                return true;
            }
        }
        return false;
    }

    /** Recovery may also make up a missing token without leaving a trace in the tree; the error's position shows it. */
    private boolean holdsSyntaxError(ParserRuleContext c) {
        int from = c.getStart() == null ? -1 : c.getStart().getTokenIndex();
        int to = c.getStop() == null ? -1 : c.getStop().getTokenIndex();
        Integer first = from < 0 ? null : offendingTokens.ceiling(from);
        return first != null && first <= to;
    }

    private RuleDecl decl(RuleHeadContext head, RuleTailContext tail, Clause clause) {
        return new RuleDecl(pos(head.getStart()), word(head.id), enforcement(head), clause,
                tail.message == null ? null : unquote(tail.message), tail.cite == null ? null : unquote(tail.cite));
    }

    private Enforcement enforcement(RuleHeadContext head) {
        Enforcement enforcement = null;
        if (head.enforcement() instanceof AbsoluteContext a) {
            enforcement = new Enforcement(EnforcementKind.ABSOLUTE, null, pos(a.getStart()));
        } else if (head.enforcement() instanceof RelativeContext r) {
            enforcement = new Enforcement(EnforcementKind.RELATIVE, r.role == null ? null : word(r.role), pos(r.getStart()));
        } else if (head.enforcement() instanceof WarningContext w) {
            enforcement = new Enforcement(EnforcementKind.WARNING, null, pos(w.getStart()));
        }
        return enforcement;
    }

    private Clause screening(ScreeningRuleContext r) {
        if (r.verb == null) {
            List<Word> facts = new ArrayList<>();
            for (FactNameContext f : r.factName()) {
                facts.add(new Word(f.getText(), pos(f.getStart())));
            }
            return new RequiredFacts(facts);
        }
        return new Exclusion(r.verb.getText().equals("warn"), condition(r.condition()),
                r.actions() == null ? List.of() : actions(r.actions()));
    }

    private VitalExpression vitalRequirement(VitalRequirementContext c) {
        List<VitalExpression> parts = c.vitalRequirementAll().stream().map(this::vitalRequirementAll).toList();
        return parts.size() == 1 ? parts.get(0) : new VitalAny(parts, pos(c.getStart()));
    }

    private VitalExpression vitalRequirementAll(VitalRequirementAllContext c) {
        List<VitalExpression> parts = c.vitalRequirementAtom().stream().map(this::vitalRequirementAtom).toList();
        return parts.size() == 1 ? parts.get(0) : new VitalAll(parts, pos(c.getStart()));
    }

    private VitalExpression vitalRequirementAtom(VitalRequirementAtomContext c) {
        if (c instanceof NestedRequirementContext n) {
            return vitalRequirement(n.vitalRequirement());
        }
        BoundRequirementContext b = (BoundRequirementContext) c;
        return new VitalBoundExpression(word(b.field), comparator(b.comparator()), quantity(b.quantity()));
    }

    private Condition condition(ConditionContext c) {
        List<Condition> parts = c.conjunction().stream().map(this::conjunction).toList();
        return parts.size() == 1 ? parts.get(0) : new AnyOf(parts, pos(c.getStart()));
    }

    private Condition conjunction(ConjunctionContext c) {
        List<Condition> parts = c.atom().stream().map(this::atom).toList();
        return parts.size() == 1 ? parts.get(0) : new AllOf(parts, pos(c.getStart()));
    }

    private Condition atom(AtomContext a) {
        if (a instanceof NestedContext n) {
            return condition(n.condition());
        }
        if (a instanceof MembershipContext m) {
            boolean valueSet = m.list() == null;
            List<Word> values = valueSet ? List.of(word(m.valueSet)) : values(m.list());
            if (m.takenBefore() != null) {
                return new MedicationTaken(word(m.field), values, quantity(m.takenBefore().quantity()), valueSet);
            }
            return new Membership(word(m.field), values, m.abstinence() == null ? null : quantity(m.abstinence().quantity()), valueSet);
        }
        if (a instanceof ComparisonContext c) {
            return new Comparison(word(c.field), comparator(c.comparator()), quantity(c.quantity()));
        }
        return new Flag(word(((FlagContext) a).flag));
    }

    private Clause dose(DoseClauseContext c) {
        if (c instanceof AllowedDosesContext a) {
            return new AllowedDoses(a.quantity().stream().map(this::quantity).toList());
        }
        if (c instanceof FirstDoseContext f) {
            return new FirstDose(quantity(f.quantity()));
        }
        if (c instanceof StartDoseContext s) {
            return new StartDose(quantity(s.quantity()));
        }
        if (c instanceof SessionMaximumContext m) {
            return new SessionMaximum(quantity(m.quantity()));
        }
        if (c instanceof TitrationStepContext t) {
            return new TitrationStep(quantity(t.quantity()));
        }
        if (c instanceof InfusionDurationContext d) {
            return new InfusionDuration(quantity(d.quantity()));
        }
        if (c instanceof InfusionRateContext r) {
            return new InfusionRate(quantity(r.quantity()));
        }
        if (c instanceof WeightRecencyContext w) {
            return new WeightRecency(quantity(w.quantity()));
        }
        CumulativeContext cu = (CumulativeContext) c;
        return new Cumulative(quantity(cu.quantity(0)), quantity(cu.quantity(1)));
    }

    private Clause spacing(SpacingClauseContext c) {
        if (c instanceof MinimumIntervalContext m) {
            return new MinimumInterval(quantity(m.quantity()));
        }
        if (c instanceof FrequencyContext f) {
            return new Frequency(num(f.count), window(f.window()));
        }
        PhaseContext p = (PhaseContext) c;
        return new Phase(num(p.from), p.to == null ? null : num(p.to), num(p.count), window(p.window()));
    }

    private Window window(WindowContext w) {
        if (w instanceof RollingWindowContext r) {
            return new RollingWindow(quantity(r.quantity()));
        }
        return new CalendarWeek(pos(w.getStart()));
    }

    private Clause sequencing(SequencingClauseContext c) {
        if (c instanceof PreparationContext p) {
            return new Preparation(num(p.count));
        }
        if (c instanceof IntegrationWindowContext w) {
            return new IntegrationWindow(w.words() == null ? List.of() : words(w.words()), quantity(w.quantity(0)),
                    quantity(w.quantity(1)));
        }
        return new IntegrationBeforeNextDose();
    }

    private Clause session(SessionClauseContext c) {
        if (c instanceof SettingRequirementContext s) {
            return new SettingRequirement(word(s.WORD()));
        }
        if (c instanceof PreDoseVitalContext v) {
            return new PreDoseVital(vitalRequirement(v.vitalRequirement()));
        }
        if (c instanceof PreDoseRecencyContext r) {
            return new PreDoseRecency(quantity(r.quantity()));
        }
        return new ApprovalValidity(quantity(((ApprovalValidityContext) c).quantity()));
    }

    private TriggerCondition triggerCondition(TriggerConditionContext c) {
        List<TriggerCondition> parts = c.triggerAll().stream().map(this::triggerAll).toList();
        return parts.size() == 1 ? parts.get(0) : new TriggerAny(parts, pos(c.getStart()));
    }

    private TriggerCondition triggerAll(TriggerAllContext c) {
        List<TriggerCondition> parts = c.triggerAtom().stream().map(this::triggerAtom).toList();
        return parts.size() == 1 ? parts.get(0) : new TriggerAll(parts, pos(c.getStart()));
    }

    private TriggerCondition triggerAtom(TriggerAtomContext c) {
        if (c instanceof NestedTriggerContext n) {
            return triggerCondition(n.triggerCondition());
        }
        return vitalCondition(((SingleTriggerContext) c).vitalCondition());
    }

    private VitalCondition vitalCondition(VitalConditionContext c) {
        if (c instanceof AbsoluteVitalContext a) {
            return new AbsoluteVital(word(a.field), comparator(a.comparator()), quantity(a.quantity()));
        }
        RiseOverBaselineContext r = (RiseOverBaselineContext) c;
        return new RiseOverBaseline(word(r.field), quantity(r.quantity()));
    }

    private List<Action> actions(ActionsContext c) {
        List<Action> actions = new ArrayList<>();
        for (ActionContext a : c.action()) {
            if (a instanceof ExtendObservationContext e) {
                actions.add(new ExtendObservation(quantity(e.quantity())));
            } else if (a instanceof RaiseAdverseEventContext r) {
                actions.add(new RaiseAdverseEvent(word(r.type), num(r.grade), r.list() == null ? List.of() : values(r.list())));
            } else if (a instanceof StopSessionContext) {
                actions.add(new StopSession());
            } else if (a instanceof HaltCourseContext) {
                actions.add(new HaltCourse());
            } else if (a instanceof CreateObligationContext o) {
                actions.add(new CreateObligation(word(o.kind), quantity(o.quantity()), o.blocking() != null));
            }
        }
        return actions;
    }

    private Clause observation(ObservationClauseContext c) {
        if (c instanceof ObservationMinimumContext m) {
            return new ObservationMinimum(quantity(m.quantity()), word(m.anchor));
        }
        if (c instanceof ScheduledCheckContext s) {
            return new ScheduledCheck(words(s.words()), quantity(s.offset), s.tolerance == null ? null : quantity(s.tolerance),
                    word(s.anchor));
        }
        if (c instanceof EndedOtherwiseContext o) {
            return new EndedOtherwise(words(o.words()), actions(o.actions()));
        }
        ObservationExtensionContext e = (ObservationExtensionContext) c;
        return new ObservationExtension(quantity(e.quantity()), condition(e.condition()));
    }

    private Clause discharge(DischargeClauseContext c) {
        if (c instanceof DischargeWhenContext w) {
            return dischargeCondition(w.dischargeCondition());
        }
        if (c instanceof EscortRequiredContext) {
            return new EscortRequired();
        }
        return new NoDriving();
    }

    private Clause dischargeCondition(DischargeConditionContext c) {
        List<Clause> parts = c.dischargeAll().stream().map(this::dischargeAll).toList();
        return parts.size() == 1 ? parts.get(0) : new DischargeAny(parts, pos(c.getStart()));
    }

    private Clause dischargeAll(DischargeAllContext c) {
        List<Clause> parts = c.dischargeAtom().stream().map(this::dischargeAtom).toList();
        return parts.size() == 1 ? parts.get(0) : new DischargeAll(parts, pos(c.getStart()));
    }

    private Clause dischargeAtom(DischargeAtomContext c) {
        if (c instanceof NestedDischargeContext n) {
            return dischargeCondition(n.dischargeCondition());
        }
        if (c instanceof DischargeBoundContext b) {
            return new DischargeBound(word(b.field), comparator(b.comparator()), quantity(b.quantity()));
        }
        DischargeNearBaselineContext n = (DischargeNearBaselineContext) c;
        return new DischargeNearBaseline(word(n.field), quantity(n.quantity()));
    }

    private Clause adverse(List<AdverseMatchContext> matches, ActionsContext actions) {
        List<AdverseEventMatch> alternatives = matches.stream().skip(1).map(m -> match(m, List.of())).toList();
        AdverseEventMatch first = match(matches.get(0), actions(actions));
        return new AdverseEventMatch(first.types(), first.grade(), first.seriousness(), first.actions(), alternatives);
    }

    private AdverseEventMatch match(AdverseMatchContext m, List<Action> actions) {
        if (m instanceof SeriousOnlyContext) {
            return new AdverseEventMatch(List.of(), null, SeriousnessClause.ONLY, actions, List.of());
        }
        ByTypeAndGradeContext g = (ByTypeAndGradeContext) m;
        List<Word> types = g.words() == null ? List.of() : words(g.words());
        SeverityContext severity = g.severity();
        if (severity == null) {
            return new AdverseEventMatch(types, null, SeriousnessClause.IGNORED, actions, List.of());
        }
        SeriousnessClause seriousness = severity.join == null ? SeriousnessClause.IGNORED
                : severity.join.getText().equals("and") ? SeriousnessClause.AND_SERIOUS : SeriousnessClause.OR_SERIOUS;
        return new AdverseEventMatch(types, severity.grade == null ? null : num(severity.grade), seriousness, actions, List.of());
    }

    private Clause outcome(OutcomeClauseContext c) {
        if (c instanceof MeasureContext m) {
            return new Measure(word(m.WORD()));
        }
        ReviewPointContext r = (ReviewPointContext) c;
        return new ReviewPoint(num(r.count), r.WORD() == null ? null : word(r.WORD()),
                r.quantity() == null ? null : quantity(r.quantity()));
    }

    // ---- values ----------------------------------------------------------------------------------

    private Quantity quantity(QuantityContext q) {
        Num number = num(q.NUMBER().getSymbol());
        UnitContext u = q.unit();
        return new Quantity(number, u == null ? null : new Word(u.getText(), pos(u.getStart())));
    }

    private Word comparator(ComparatorContext c) {
        return new Word(c.getText(), pos(c.getStart()));
    }

    private List<Word> values(ListContext list) {
        List<Word> values = new ArrayList<>();
        for (ValueContext v : list.value()) {
            Token t = v.getStart();
            values.add(new Word(t.getType() == ProtocolParser.STRING ? unquote(t) : t.getText(), pos(t)));
        }
        return values;
    }

    private List<Word> words(WordsContext w) {
        return w.WORD().stream().map(this::word).toList();
    }

    private Word word(TerminalNode node) {
        return word(node.getSymbol());
    }

    private Word word(Token token) {
        if (!present(token)) {
            throw new IllegalStateException("missing token");
        }
        return new Word(token.getText(), pos(token));
    }

    /** False for a token the parser made up while recovering from a syntax error. */
    private static boolean present(Token token) {
        return token != null && token.getTokenIndex() >= 0 && token.getText() != null;
    }

    private Num num(Token token) {
        return new Num(new BigDecimal(token.getText()), pos(token));
    }

    private static Pos pos(Token token) {
        return new Pos(token.getLine(), token.getCharPositionInLine() + 1);
    }

    private static String unquote(Token token) {
        String text = token.getText();
        return text.substring(1, text.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
