// SPDX-License-Identifier: MIT
/* The capability derivation tree: what revoke and delete rely on. */
#include "unit.h"
#include <tern/cap.h>

#define SLOTS 64
static struct cte slots[SLOTS];

static int reset(void **state)
{
	memset(slots, 0, sizeof(slots));
	for (int i = 0; i < SLOTS; i++)
		slots[i].cap.type = CAP_ENDPOINT;
	return 0;
}

static unsigned count_children(const struct cte *c)
{
	unsigned n = 0;
	for (const struct cte *k = c->first_child; k; k = k->next_sibling) {
		assert_ptr_equal(k->parent, c);
		if (k->next_sibling)
			assert_ptr_equal(k->next_sibling->prev_sibling, k);
		n++;
	}
	return n;
}

static unsigned count_descendants(const struct cte *c)
{
	unsigned n = 0;
	for (const struct cte *k = c->first_child; k; k = k->next_sibling)
		n += 1 + count_descendants(k);
	return n;
}

static void inserts_children_and_finds_ancestors(void **state)
{
	struct cte *root = &slots[0], *a = &slots[1], *b = &slots[2], *c = &slots[3];
	cdt_insert_child(root, a);
	cdt_insert_child(root, b);
	cdt_insert_child(a, c);
	assert_int_equal(count_children(root), 2);
	assert_int_equal(count_descendants(root), 3);
	assert_true(cdt_is_ancestor(root, c));
	assert_true(cdt_is_ancestor(a, c));
	assert_false(cdt_is_ancestor(b, c));
	assert_false(cdt_is_ancestor(c, root));
	assert_true(cdt_has_children(a));
	assert_false(cdt_has_children(b));
}

static void remove_moves_children_up(void **state)
{
	struct cte *root = &slots[0], *mid = &slots[1];
	cdt_insert_child(root, mid);
	for (int i = 2; i < 6; i++)
		cdt_insert_child(mid, &slots[i]);
	cdt_insert_child(root, &slots[6]);
	cdt_remove(mid);
	assert_null(mid->parent);
	assert_null(mid->first_child);
	assert_int_equal(count_children(root), 5);
	for (int i = 2; i < 6; i++)
		assert_ptr_equal(slots[i].parent, root);
}

/* The children take the removed cap's place, in order: caps to one object
 * stay next to each other. */
static void remove_splices_children_in_place(void **state)
{
	struct cte *root = &slots[0], *before = &slots[1], *mid = &slots[2], *after = &slots[3];
	cdt_insert_child(root, after);
	cdt_insert_child(root, mid);
	cdt_insert_child(root, before);
	cdt_insert_child(mid, &slots[5]);
	cdt_insert_child(mid, &slots[4]); /* mid's children: 4, 5 */
	cdt_remove(mid);
	const struct cte *expect[] = {before, &slots[4], &slots[5], after};
	const struct cte *k = root->first_child;
	for (unsigned i = 0; i < 4; i++, k = k->next_sibling)
		assert_ptr_equal(k, expect[i]);
	assert_null(k);
	assert_int_equal(count_children(root), 4);
}

/* Children of a cap without parent (a boot cap) stay siblings of each
 * other when it goes: each still sees the other next to it. */
static void children_of_a_removed_root_stay_siblings(void **state)
{
	struct cte *root = &slots[0], *a = &slots[1], *b = &slots[2];
	cdt_insert_child(root, b);
	cdt_insert_child(root, a);
	cdt_remove(root);
	assert_null(a->parent);
	assert_null(b->parent);
	assert_ptr_equal(a->next_sibling, b);
	assert_ptr_equal(b->prev_sibling, a);
	cdt_remove(a);
	assert_null(b->prev_sibling);
	assert_null(b->next_sibling);
}

static void remove_first_middle_and_last_sibling(void **state)
{
	struct cte *root = &slots[0];
	for (int i = 1; i <= 5; i++)
		cdt_insert_child(root, &slots[i]); /* order: 5 4 3 2 1 */
	cdt_remove(&slots[5]);                     /* first */
	cdt_remove(&slots[3]);                     /* middle */
	cdt_remove(&slots[1]);                     /* last */
	assert_int_equal(count_children(root), 2);
	assert_ptr_equal(root->first_child, &slots[4]);
	assert_ptr_equal(slots[4].next_sibling, &slots[2]);
	assert_null(slots[2].next_sibling);
}

static void revoke_by_leaves_removes_every_descendant(void **state)
{
	/* a random tree of 63 nodes under slot 0 */
	srand(7);
	for (int i = 1; i < SLOTS; i++)
		cdt_insert_child(&slots[rand() % i], &slots[i]);
	struct cte *target = &slots[1];
	unsigned expected = count_descendants(target), removed = 0;
	unsigned before = count_descendants(&slots[0]);
	struct cte *leaf;
	while ((leaf = cdt_leaf_descendant(target))) {
		assert_false(cdt_has_children(leaf));
		assert_true(cdt_is_ancestor(target, leaf));
		cdt_remove(leaf);
		removed++;
	}
	assert_int_equal(removed, expected);
	assert_false(cdt_has_children(target));
	assert_int_equal(count_descendants(&slots[0]), before - expected);
}

static void move_keeps_the_place_in_the_tree(void **state)
{
	struct cte *root = &slots[0], *a = &slots[1], *b = &slots[2], *dst = &slots[10];
	cdt_insert_child(root, &slots[3]);
	cdt_insert_child(root, a);
	cdt_insert_child(root, &slots[4]); /* a is the middle sibling */
	cdt_insert_child(a, b);
	cdt_move(a, dst);
	assert_ptr_equal(dst->parent, root);
	assert_ptr_equal(b->parent, dst);
	assert_ptr_equal(slots[4].next_sibling, dst);
	assert_ptr_equal(dst->next_sibling, &slots[3]);
	assert_int_equal(count_children(root), 3);
	assert_null(a->parent);
	assert_null(a->first_child);
	assert_true(cdt_is_ancestor(root, b));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(inserts_children_and_finds_ancestors, reset),
		cmocka_unit_test_setup(remove_moves_children_up, reset),
		cmocka_unit_test_setup(remove_splices_children_in_place, reset),
		cmocka_unit_test_setup(children_of_a_removed_root_stay_siblings, reset),
		cmocka_unit_test_setup(remove_first_middle_and_last_sibling, reset),
		cmocka_unit_test_setup(revoke_by_leaves_removes_every_descendant, reset),
		cmocka_unit_test_setup(move_keeps_the_place_in_the_tree, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
