defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  @disable_ddl_transaction true

  def up do
    execute("""
    UPDATE policies SET group_idp_id = 1 WHERE group_idp_id IS NULL
    """)
    execute("ALTER TABLE policies VALIDATE CONSTRAINT policies_group_id_fkey")
  end

  def down do
    # nothing to undo: the previous migration's down drops the constraint
  end
end
