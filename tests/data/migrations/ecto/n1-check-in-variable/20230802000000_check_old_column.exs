defmodule Pool.Repo.Migrations.CheckOldColumn do
  use Ecto.Migration

  @size_rule """
  pool_size > 0
  """

  def up do
    create(constraint("accounts", :size_rule, check: @size_rule))
  end

  def down do
    drop(constraint("accounts", :size_rule))
  end
end
