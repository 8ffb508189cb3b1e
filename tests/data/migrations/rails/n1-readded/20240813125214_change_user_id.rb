class ChangeUserId < ActiveRecord::Migration[7.0]
  def change
    remove_column :github_team_members, :user_id, :string
    add_reference :github_team_members, :user, null: false
    remove_reference :memberships, :team
    add_reference :memberships, :team, null: false, foreign_key: true
  end
end
